// The web host: the built renderer and the core API over one WebSocket, on 127.0.0.1 only. The app's
// files are public code and are served to anyone local; everything that reads or acts on data goes
// through the socket, which needs the per-launch token and this host's own Origin.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isEventName, type Emit } from '../shared/contract';
import { WS_MAX_PAYLOAD, WS_PATH, WS_PROTOCOL, type WireMessage } from '../shared/wire';
import { encodeFrame, FRAME_OUTPUT } from '../shared/terminalFrames';
import type { ClientCtx, CoreHost } from '../core/host';
import { answerRequest, bytesOf, terminalInput } from './clientMessages';
import type { Log } from '../core/log';
import {
  hostAllowed,
  legacyRedirect,
  newToken,
  offersAppProtocol,
  originAllowed,
  protocolToken,
  tokenMatches,
} from './auth';
import { resolveStatic, securityHeaders, sendFile } from './static';

export interface WebHostOptions {
  core: CoreHost;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port: number;
  token?: string;
  log?: (line: string) => void;
  /** The host's structured log (the data folder's tejun.log). */
  logger?: Log;
}

export interface WebHost {
  /** The address to open: the token is in the fragment, which the browser never sends to a server. */
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function refuse(res: ServerResponse, status: 400 | 401 | 403 | 404 | 405, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
  res.end(text + '\n');
}

function refuseUpgrade(socket: Duplex, status: 400 | 401 | 403 | 404, text: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length + 1}\r\n\r\n${text}\n`,
  );
}

/** One path for every problem on the wire: a line on the console and in the structured log, naming who and what. */
function problemLogger(log: (line: string) => void, logger: Log | undefined) {
  return (where: string, err: unknown): void => {
    const e = err as NodeJS.ErrnoException;
    log(`problem: ${where}: ${e?.code ? `${e.code} ` : ''}${e instanceof Error ? e.message : String(err)}`);
    logger?.warn({ err, where }, 'problem on the wire');
  };
}

type Ctx = ClientCtx;
type Problem = ReturnType<typeof problemLogger>;

/** What one connection needs of its host. */
interface Wire {
  core: CoreHost;
  logger: Log | undefined;
  log: (line: string) => void;
  problem: Problem;
}

/** The app's files, to this host's own names only; the old `?token=` addresses go to the app's root. */
function handleHttp(
  req: IncomingMessage,
  res: ServerResponse,
  { staticDir, token, port, problem }: { staticDir: string; token: string; port: number; problem: Problem },
): void {
  if (!hostAllowed(req, port)) return refuse(res, 400, 'tejun: this host answers only to 127.0.0.1 and localhost.');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return refuse(res, 405, 'tejun: only GET is served here; the API is on the WebSocket.');
  }
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  const legacy = legacyRedirect(url, token);
  if (legacy === '/') return refuse(res, 401, 'tejun: not the token printed at start. Open the address it printed.');
  if (legacy) {
    // Old `?token=` addresses: always to the app's root, never to a path taken from the request.
    res.writeHead(302, { Location: legacy, ...securityHeaders() });
    return void res.end();
  }
  const file = resolveStatic(staticDir, url.pathname);
  if (!file) return refuse(res, 404, `tejun: ${url.pathname} is not part of the app.`);
  sendFile(res, file, (err) => problem(`serving ${url.pathname}`, err));
}

function serveClient(w: Wire, ws: WebSocket, clientId: string): void {
  const send = (msg: WireMessage): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(msg), (err) => err && w.problem(`sending to ${clientId}`, err));
  };
  const emit: Emit = (event, payload) => {
    if (isEventName(event)) send({ event, payload });
  };
  // Output as bytes in a binary frame: no JSON escaping of every control character on either side.
  const output = (id: string, bytes: Uint8Array): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(encodeFrame(FRAME_OUTPUT, id, bytes), (err) => err && w.problem(`sending to ${clientId}`, err));
  };
  const ctx: Ctx = { clientId, emit, output };
  const input = terminalInput(w.core, ctx, w.logger);
  w.log(`client ${clientId} connected`);
  w.logger?.info({ clientId }, 'client connected');
  // A malformed or oversized frame ends this client alone; ws has already sent the close code.
  ws.on('error', (err) => {
    w.problem(`client ${clientId}`, err);
    ws.terminate();
  });
  ws.on('message', (raw, isBinary) => {
    if (isBinary) input(bytesOf(raw as Buffer));
    else void answerRequest(w.core, raw.toString(), ctx, send, w.problem);
  });
  ws.on('close', () => {
    w.log(`client ${clientId} disconnected; its terminals were closed`);
    w.logger?.info({ clientId }, 'client disconnected; its terminals were closed');
    w.core.disconnect(clientId);
  });
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? newToken();
  const log = opts.log ?? (() => {});
  const problem = problemLogger(log, opts.logger);
  const wire: Wire = { core: opts.core, logger: opts.logger, log, problem };
  let port = opts.port;
  let nextClient = 1;

  const server = createServer((req, res) => handleHttp(req, res, { staticDir: opts.staticDir, token, port, problem }));
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_PAYLOAD,
    // Echo first: no compression pass per keystroke (ws turns Nagle off on every socket itself).
    perMessageDeflate: false,
    // Answer with the app's protocol only: the token offered beside it is never echoed.
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  server.on('error', (err) => problem('http server', err));
  server.on('clientError', (err, socket) => {
    problem('http client', err);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  wss.on('error', (err) => problem('websocket server', err));

  server.on('upgrade', (req, socket, head) => {
    // Until ws owns it, a reset on this socket must not reach the process.
    socket.on('error', (err) => problem('socket', err));
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const offered = req.headers['sec-websocket-protocol'];
    if (!hostAllowed(req, port)) return refuseUpgrade(socket, 400, 'Bad Request');
    const admitted = tokenMatches(protocolToken(offered), token) && offersAppProtocol(offered);
    if (!admitted) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (!originAllowed(req.headers.origin, port)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(wire, ws, `web-${nextClient++}`));
  });

  await listen(server, opts.port);
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : opts.port;
  opts.logger?.info({ port }, 'web host listening on 127.0.0.1');

  return {
    url: `http://${HOST}:${port}/#token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        opts.core.dispose();
        opts.logger?.info('web host stopped');
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
