// The web host's door. The token never travels in a cookie: cookies are shared by every port of
// 127.0.0.1, so any other local server the browser visits would receive it. It is printed in the URL
// fragment (never sent to any server), kept by the page in sessionStorage, and presented on the
// WebSocket as a subprotocol. Origin and Host checks keep other pages and rebinding names out.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { WS_PROTOCOL, WS_TOKEN_PREFIX } from '../shared/wire';

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

/** Constant-time on equal lengths; a length mismatch says only that the length is wrong. */
export function tokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const x = Buffer.from(presented);
  const y = Buffer.from(expected);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token a socket offers among its subprotocols (`tejun`, `tejun.token.<hex>`), or null. */
export function protocolToken(header: string | string[] | undefined): string | null {
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (!raw) return null;
  for (const part of raw.split(',')) {
    const p = part.trim();
    if (p.startsWith(WS_TOKEN_PREFIX)) return p.slice(WS_TOKEN_PREFIX.length);
  }
  return null;
}

/** The socket must ask for the app's own protocol too: it is the one the host answers with. */
export function offersAppProtocol(header: string | string[] | undefined): boolean {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  return raw.split(',').some((p) => p.trim() === WS_PROTOCOL);
}

/** Only a page this host served may open the socket: Origin must be this host's own address. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (!origin) return false;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** A request for another name that resolves here (DNS rebinding) is not for this host. */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** An old-style `?token=` address: the token, if it is this host's, moves to the fragment of a fixed path. */
export function legacyRedirect(url: URL, expected: string): string | null {
  const q = url.searchParams.get('token');
  if (q === null) return null;
  return tokenMatches(q, expected) ? `/#token=${expected}` : '/';
}
