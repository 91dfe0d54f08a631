// The web host's door: a per-launch token on every request, and a same-origin check on the WebSocket.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'tejun_token';

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieToken(header: string | undefined, port: number): string | null {
  if (!header) return null;
  const name = `${TOKEN_COOKIE}_${port}`;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** The token may come as ?token=, as the cookie set on the first visit, or as "Authorization: token …". */
export function presentedToken(req: IncomingMessage, url: URL, port: number): { token: string | null; fromQuery: boolean } {
  const q = url.searchParams.get('token');
  if (q) return { token: q, fromQuery: true };
  const auth = req.headers.authorization;
  if (auth?.startsWith('token ')) return { token: auth.slice(6).trim(), fromQuery: false };
  return { token: cookieToken(req.headers.cookie, port), fromQuery: false };
}

export function tokenMatches(presented: string | null, expected: string): boolean {
  return presented !== null && sameSecret(presented, expected);
}

/** Only a page this host served may open the socket: Origin must be this host's own address. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (!origin) return false;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function tokenCookie(token: string, port: number): string {
  return `${TOKEN_COOKIE}_${port}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}
