// The web host's door, tried from outside with real sockets: a real core, a real pty behind a second client.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCoreHost } from '../core/host';
import { FileSettingsStore } from '../core/settings/settingsStore';
import { decodeFrame, encodeFrame, FRAME_INPUT, FRAME_OUTPUT } from '../shared/terminalFrames';
import { startWebHost, type WebHost } from './webHost';

let host: WebHost;
const lines: string[] = [];
const base = (): string => `http://127.0.0.1:${host.port}`;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tejun-webhost-'));
  const staticDir = mkdtempSync(join(tmpdir(), 'tejun-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>tejun</title>');
  const core = createCoreHost({
    version: 'test',
    transport: 'web',
    dataDir,
    settings: FileSettingsStore.inDataDir(dataDir),
  });
  host = await startWebHost({ core, staticDir, port: 0, log: (l) => lines.push(l) });
});
afterAll(() => host.close());

interface Reply {
  ok: boolean;
  result?: { id: string };
  error?: { code: string; message: string };
}

/** A client as the page is one: the token as a subprotocol, this host's Origin. */
function client(): Promise<{ ws: WebSocket; ask: (channel: string, params: unknown) => Promise<Reply> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, ['tejun', `tejun.token.${host.token}`], {
    headers: { Origin: base() },
  });
  let next = 1;
  const waiting = new Map<number, (r: Reply) => void>();
  ws.on('message', (d, isBinary) => {
    if (isBinary) return;
    const m = JSON.parse(String(d));
    if (typeof m.id === 'number') waiting.get(m.id)?.(m.reply);
  });
  const ask = (channel: string, params: unknown) =>
    new Promise<Reply>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, channel, params }));
    });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, ask }));
    ws.once('error', reject);
  });
}

/** A raw TCP socket that completes the handshake, then writes one hand-made frame. Resolves when the host closes it. */
function rawFrame(frame: Buffer): Promise<{ closed: boolean; reply: Buffer }> {
  return new Promise((resolve) => {
    const s: Socket = connect(host.port, '127.0.0.1');
    let got = Buffer.alloc(0);
    let upgraded = false;
    s.on('data', (d) => {
      got = Buffer.concat([got, d]);
      const end = got.indexOf('\r\n\r\n');
      if (!upgraded && end >= 0) {
        upgraded = true;
        expect(got.subarray(0, 12).toString()).toBe('HTTP/1.1 101');
        got = got.subarray(end + 4);
        s.write(frame);
      }
    });
    s.on('error', () => {});
    s.on('close', () => resolve({ closed: upgraded, reply: got }));
    s.write(
      [
        'GET /api HTTP/1.1',
        `Host: 127.0.0.1:${host.port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Protocol: tejun, tejun.token.${host.token}`,
        `Origin: ${base()}`,
        '',
        '',
      ].join('\r\n'),
    );
  });
}

function masked(first: number, payload: Buffer): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([first, 0x80 | payload.length]), mask, body]);
}

const BAD_FRAMES: Record<string, Buffer> = {
  'invalid UTF-8 in a text frame': masked(0x81, Buffer.from([0xff, 0xfe, 0xfd, 0xfc])),
  'a reserved opcode': masked(0x83, Buffer.from('hi')),
  'an unmasked client frame': Buffer.from([0x81, 0x02, 0x68, 0x69]),
  // Only the header of a 17 MiB binary frame: the length alone is over the limit.
  'a frame over the limit': Buffer.from([0x82, 0x80 | 127, 0, 0, 0, 0, 0x01, 0x10, 0, 0, 1, 2, 3, 4]),
};

/** Terminal output arrives as binary frames: [type][id length][id][UTF-8]. */
function outputText(d: Buffer): string {
  const f = decodeFrame(new Uint8Array(d));
  if ('refused' in f || f.type !== FRAME_OUTPUT) throw new Error('not an output frame');
  return Buffer.from(f.payload).toString('utf8');
}

describe('terminal bytes in binary frames', () => {
  it('takes input frames (a character cut across two of them), answers in output frames, and ignores hostile ones', async () => {
    const b = await client();
    let screen = '';
    b.ws.on('message', (d, isBinary) => {
      if (isBinary) screen += outputText(d as Buffer);
    });
    const term = await b.ask('terminal:create', { cols: 80, rows: 24 });
    const id = term.result!.id;
    const hostile = [
      Buffer.from([0x7f, 2, 0x74, 0x31, 0x41]), // unknown type
      Buffer.from([FRAME_INPUT, 5, 0x2e, 0x2e, 0x2f, 0x2e, 0x2e, 0x41]), // not a terminal id
      Buffer.from([FRAME_INPUT, 3, 0x74, 0x39, 0x39, 0x41]), // a terminal that is not this client's
      Buffer.from([FRAME_OUTPUT, 2, 0x74, 0x31, 0x41]), // output, from a page
      Buffer.from([FRAME_INPUT]),
    ];
    for (const h of hostile) b.ws.send(h);
    // "echo 移行-ok": the three bytes of 移 split 1 + 2 across two frames.
    const bytes = Buffer.from("echo '移行''-ok'\r", 'utf8');
    const cut = bytes.indexOf(0xe7) + 1;
    b.ws.send(encodeFrame(FRAME_INPUT, id, bytes.subarray(0, cut)));
    b.ws.send(encodeFrame(FRAME_INPUT, id, bytes.subarray(cut)));
    await expect.poll(() => screen.includes('移行-ok'), { timeout: 10_000 }).toBe(true);
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
    b.ws.close();
  });
});

describe('a malformed frame closes only its client', () => {
  it('while another client’s terminal keeps echoing', async () => {
    const b = await client();
    let screen = '';
    b.ws.on('message', (d, isBinary) => {
      if (isBinary) screen += outputText(d as Buffer);
    });
    const term = await b.ask('terminal:create', { cols: 80, rows: 24 });
    expect(term.ok).toBe(true);
    let n = 0;
    for (const [what, frame] of Object.entries(BAD_FRAMES)) {
      const r = await rawFrame(frame);
      expect(r.closed, what).toBe(true);
      // The host answered with a close frame (opcode 8) before letting go, where the socket allowed it.
      if (r.reply.length > 0) expect(r.reply[0]! & 0x0f, what).toBe(0x8);
      const mark = `still-here-${++n}`;
      await b.ask('terminal:input', { id: term.result!.id, data: `echo ${mark.replace('-', "-''")}\r` });
      await expect.poll(() => screen.includes(mark), { timeout: 10_000 }).toBe(true);
    }
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
    expect(lines.filter((l) => l.startsWith('problem: client')).length).toBeGreaterThanOrEqual(4);
    b.ws.close();
  });
});

describe('the door', () => {
  it('serves the app’s files without a token, and never sets a cookie', async () => {
    const res = await fetch(`${base()}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
  it('sends an old ?token= address to the root, never to a path from the request', async () => {
    for (const path of ['/.//evil.example/', '//evil.example/', '/assets/../x']) {
      const res = await fetch(`${base()}${path}?token=${host.token}`, { redirect: 'manual' });
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toBe(`/#token=${host.token}`);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect((await fetch(`${base()}/.//evil.example/?token=wrong`, { redirect: 'manual' })).status).toBe(401);
  });
  it('opens the socket only for the token as a subprotocol and this host’s Origin, and never echoes the token', async () => {
    const attempt = (protocols: string[], headers: Record<string, string>, path = '/api') =>
      new Promise<number | string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, protocols, { headers });
        ws.on('open', () => {
          resolve(`open:${ws.protocol}`);
          ws.close();
        });
        ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve('error'));
      });
    const origin = { Origin: base() };
    const good = ['tejun', `tejun.token.${host.token}`];
    expect(await attempt(good, origin)).toBe('open:tejun');
    expect(await attempt(['tejun'], origin)).toBe(401);
    expect(await attempt(['tejun', 'tejun.token.' + '0'.repeat(48)], origin)).toBe(401);
    expect(await attempt(['tejun'], origin, `/api?token=${host.token}`)).toBe(401);
    expect(await attempt(good, { Origin: 'http://127.0.0.1:1' })).toBe(403);
    expect(await attempt(good, { Origin: base(), Host: 'evil.example' })).toBe(400);
  });
  it('refuses a FIFO at once instead of hanging the host', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'tejun-fifo-')), 'runbook.md');
    execFileSync('mkfifo', [fifo]);
    const a = await client();
    const replies = await Promise.all(Array.from({ length: 5 }, () => a.ask('runbook:openPath', { path: fifo })));
    for (const r of replies) expect(r.error?.message).toMatch(/named pipe \(FIFO\), not a regular file/);
    expect((await a.ask('runbook:openPath', { path: '/dev/zero' })).error?.message).toMatch(/a device/);
    a.ws.close();
  });
});
