// The web host: the built renderer and the core API over one WebSocket, on 127.0.0.1 only,
// behind a per-launch token. The same core the desktop app uses; only the transport differs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isEventName, type Emit } from '../shared/contract';
import { dispatch } from '../shared/rpc';
import { WireRequest, WS_MAX_PAYLOAD, WS_PATH, type WireMessage } from '../shared/wire';
import type { CoreHost } from '../core/host';
import type { Log } from '../core/log';
import { newToken, originAllowed, presentedToken, tokenCookie, tokenMatches } from './auth';
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
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function refuse(res: ServerResponse, status: 401 | 403 | 404 | 405, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
  res.end(text + '\n');
}

function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length + 1}\r\n\r\n${text}\n`);
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? newToken();
  const log = opts.log ?? (() => {});
  let port = opts.port;
  let nextClient = 1;

  const handleHttp = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const presented = presentedToken(req, url, port);
    if (!tokenMatches(presented.token, token)) {
      refuse(res, 401, 'tejun: this address needs the token printed when the host started. Open the full URL it printed.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, 'tejun: only GET is served here; the API is on the WebSocket.');
      return;
    }
    if (presented.fromQuery) {
      // Trade the token in the address bar for a cookie, so it does not linger in history or screenshots.
      url.searchParams.delete('token');
      res.writeHead(302, { Location: url.pathname + url.search, 'Set-Cookie': tokenCookie(token, port), ...securityHeaders() });
      res.end();
      return;
    }
    const file = resolveStatic(opts.staticDir, url.pathname);
    if (!file) {
      refuse(res, 404, `tejun: ${url.pathname} is not part of the app.`);
      return;
    }
    sendFile(res, file);
  };

  const server = createServer(handleHttp);
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (!tokenMatches(presentedToken(req, url, port).token, token)) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (!originAllowed(req.headers.origin, port)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, `web-${nextClient++}`));
  });

  const serveClient = (ws: WebSocket, clientId: string): void => {
    const send = (msg: WireMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    const emit: Emit = (event, payload) => {
      if (isEventName(event)) send({ event, payload });
    };
    const ctx = { clientId, emit };
    log(`client ${clientId} connected`);
    opts.logger?.info({ clientId }, 'client connected');
    ws.on('message', (raw, isBinary) => {
      let parsedId = 0;
      void (async () => {
        let message: unknown;
        try {
          message = isBinary ? undefined : JSON.parse(raw.toString());
        } catch {
          message = undefined;
        }
        const req = WireRequest.safeParse(message);
        if (!req.success) {
          send({ id: parsedId, reply: { ok: false, error: { code: 'INVALID_REQUEST', message: 'A message on the API socket was not a request { id, channel, params }.' } } });
          return;
        }
        parsedId = req.data.id;
        const reply = await dispatch(opts.core.handlers, req.data.channel, req.data.params, ctx);
        send({ id: parsedId, reply });
      })();
    });
    ws.on('close', () => {
      log(`client ${clientId} disconnected; its terminals were closed`);
      opts.logger?.info({ clientId }, 'client disconnected; its terminals were closed');
      opts.core.disconnect(clientId);
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : opts.port;
  opts.logger?.info({ port }, 'web host listening on 127.0.0.1');

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
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
