// The invite listener: a second server, off until the operator opens it, TLS only, on the address the
// operator chose. It serves the same app; its socket admits an unused invite (to read the code aloud and
// join) or a joined person's credential, never the operator's token. What each may do is core's guard.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isEventName, type Emit } from '../shared/contract';
import { WS_MAX_PAYLOAD, WS_PATH, WS_PROTOCOL, type WireMessage } from '../shared/wire';
import { encodeFrame, FRAME_OUTPUT } from '../shared/terminalFrames';
import { INVITE_PREFIX, CREDENTIAL_PREFIX } from '../shared/wire';
import type { ClientCtx, CoreHost } from '../core/host';
import type { InviteListener } from '../core/review/handlers';
import type { RemoteCaller } from '../core/review/guard';
import type { Log } from '../core/log';
import { offersAppProtocol } from './auth';
import { resolveStatic, securityHeaders, sendFile } from './static';
import { inviteCert } from './inviteCert';
import { answerRequest, bytesOf, terminalInput } from './clientMessages';

export interface InviteOptions {
  core: CoreHost;
  staticDir: string;
  dataDir: string;
  address: string;
  port: number;
  logger?: Log;
}

/** The secret offered as a subprotocol after a prefix (`tejun.invite.<hex>`, `tejun.cred.<hex>`), or null. */
export function offered(header: string | string[] | undefined, prefix: string): string | null {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of raw.split(',')) if (part.trim().startsWith(prefix)) return part.trim().slice(prefix.length);
  return null;
}

const hostPart = (a: string): string => (a.includes(':') ? `[${a}]` : a);

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

type Caller = Omit<RemoteCaller, 'close'>;
type Warn = (where: string, err: unknown) => void;

/** What the listener's parts share: the options, where it answers (known once listening) and how it warns. */
interface Listening {
  o: InviteOptions;
  self: () => string;
  warn: Warn;
}

function httpHandler({ o, self, warn }: Listening) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const refuse = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
      res.end(text + '\n');
    };
    if (req.headers.host !== self()) return refuse(400, `tejun: this listener answers only to ${self()}.`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, 'tejun: only GET is served here.');
    const url = new URL(req.url ?? '/', `https://${self()}`);
    const file = resolveStatic(o.staticDir, url.pathname);
    if (!file) return refuse(404, `tejun: ${url.pathname} is not part of the app.`);
    res.setHeader('Strict-Transport-Security', 'max-age=300');
    sendFile(res, file, (err) => warn(`serving ${url.pathname}`, err));
  };
}

/** A joined person by their credential, else the holder of an unused invite, else no one. */
function callerOf(core: CoreHost, req: IncomingMessage): Caller | null {
  const proto = req.headers['sec-websocket-protocol'];
  const from = req.socket.remoteAddress ?? '?';
  const invite = offered(proto, INVITE_PREFIX);
  const person = core.invites.byCredential(offered(proto, CREDENTIAL_PREFIX));
  return person
    ? { role: person.role, invite: null, person, from }
    : core.invites.peek(invite)
      ? { role: 'invitee', invite, person: null, from }
      : null;
}

function upgradeHandler(l: Listening, wss: WebSocketServer) {
  const { o, self, warn } = l;
  let next = 1;
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (err) => warn('socket', err));
    const proto = req.headers['sec-websocket-protocol'];
    if (req.headers.host !== self()) return refuseUpgrade(socket, 400, 'Bad Request');
    if (req.headers.origin !== `https://${self()}`) return refuseUpgrade(socket, 403, 'Forbidden');
    if (new URL(req.url ?? '/', `https://${self()}`).pathname !== WS_PATH || !offersAppProtocol(proto))
      return refuseUpgrade(socket, 404, 'Not Found');
    const caller = callerOf(o.core, req);
    if (!caller) {
      // A forged, reused or revoked secret: nothing is opened, and the log says from where.
      const from = req.socket.remoteAddress ?? '?';
      o.logger?.warn({ from }, 'invite listener: a socket without a valid invite or credential was refused');
      return refuseUpgrade(socket, 401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(l, ws, `invite-${next++}`, caller));
  };
}

/** Terminal output goes out as binary frames, every other event as JSON. */
function emitterFor(ws: WebSocket, send: (m: WireMessage) => void): Emit {
  return (event, payload) => {
    if (ws.readyState !== ws.OPEN) return;
    if (event === 'terminal:data') {
      const p = payload as { id: string; data: string };
      return ws.send(encodeFrame(FRAME_OUTPUT, p.id, Buffer.from(p.data, 'utf8')));
    }
    if (isEventName(event)) send({ event, payload });
  };
}

function serve({ o, warn }: Listening, ws: WebSocket, clientId: string, caller: Caller): void {
  const send = (m: WireMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
  // Revoked: closed at once, and dropped outright if the peer does not answer the close.
  const close = () => {
    ws.close(4003, 'revoked');
    setTimeout(() => ws.terminate(), 250).unref();
  };
  const ctx: ClientCtx = { clientId, emit: emitterFor(ws, send), remote: { ...caller, close } };
  const input = terminalInput(o.core, ctx, o.logger);
  o.logger?.info({ clientId, role: caller.role, from: caller.from }, 'invite listener: connected');
  ws.on('error', (err) => {
    warn(clientId, err);
    ws.terminate();
  });
  ws.on('message', (raw, isBinary) => {
    // Keystrokes reach the same guarded handler, which refuses a joiner's and journals the attempt.
    if (isBinary) return input(bytesOf(raw as Buffer));
    void answerRequest(o.core, raw.toString(), ctx, send, (where, err) => warn(where, err));
  });
  ws.on('close', () => o.core.disconnect(clientId));
}

/** Resolves with the port actually bound (the one asked for, or the system's pick for 0). */
async function listen(server: Server, o: InviteOptions): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  return typeof addr === 'object' && addr ? addr.port : o.port;
}

export async function startInviteListener(o: InviteOptions): Promise<InviteListener> {
  const { cert, key, sha256 } = await inviteCert(o.dataDir, o.address);
  const warn: Warn = (where, err) => o.logger?.warn({ err, where }, 'problem on the invite listener');
  let port = o.port;
  const l: Listening = { o, warn, self: () => `${hostPart(o.address)}:${port}` };

  const server: Server = createServer({ cert, key, minVersion: 'TLSv1.2' }, httpHandler(l));
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_PAYLOAD,
    handleProtocols: (p) => (p.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  server.on('error', (err) => warn('https server', err));
  server.on('tlsClientError', (err) => warn('tls', err));
  wss.on('error', (err) => warn('websocket server', err));
  server.on('upgrade', upgradeHandler(l, wss));

  port = await listen(server, o);
  o.logger?.info({ address: o.address, port }, 'invite listener open (TLS)');
  return {
    address: o.address,
    port,
    sha256,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
        o.logger?.info('invite listener closed');
      }),
  };
}
