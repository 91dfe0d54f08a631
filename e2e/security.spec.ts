// The web host's door, tried from outside the page: no token, wrong token, foreign Origin.
import WebSocket from 'ws';
import { expect, test } from './fixtures';

function tryWs(url: string, headers: Record<string, string>): Promise<{ opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ opened: false }));
  });
}

test('HTTP without the token, or with a wrong one, gets 401 and nothing of the app', async ({ host }) => {
  for (const path of ['/', '/index.html', '/favicon.svg']) {
    const res = await fetch(`${host.origin}${path}`, { redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('<script');
  }
  const wrong = await fetch(`${host.origin}/?token=${'0'.repeat(48)}`, { redirect: 'manual' });
  expect(wrong.status).toBe(401);
  const right = await fetch(`${host.origin}/`, { headers: { Authorization: `token ${host.token}` } });
  expect(right.status).toBe(200);
  expect(right.headers.get('content-security-policy')).toContain("script-src 'self'");
});

test('a WebSocket from a foreign Origin, or without the token, is refused', async ({ host }) => {
  const wsUrl = `${host.origin.replace('http', 'ws')}/api`;
  const cookie = `tejun_token_${new URL(host.origin).port}=${host.token}`;
  expect(await tryWs(wsUrl, { Origin: 'http://evil.example', Cookie: cookie })).toEqual({ opened: false, status: 403 });
  expect(await tryWs(`${wsUrl}?token=${host.token}`, { Origin: 'http://127.0.0.1:1' })).toEqual({ opened: false, status: 403 });
  expect(await tryWs(wsUrl, { Origin: host.origin })).toEqual({ opened: false, status: 401 });
  expect(await tryWs(wsUrl, { Origin: host.origin, Cookie: cookie })).toEqual({ opened: true });
});

test('a malformed request is rejected naming the field, and never reaches core', async ({ host }) => {
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/api?token=${host.token}`, { headers: { Origin: host.origin } });
  await new Promise((r) => ws.once('open', r));
  const ask = (msg: unknown): Promise<{ id: number; reply: { ok: boolean; error?: { code: string; message: string; field?: string } } }> =>
    new Promise((resolve) => {
      ws.once('message', (d) => resolve(JSON.parse(String(d))));
      ws.send(JSON.stringify(msg));
    });
  const bad = await ask({ id: 1, channel: 'terminal:resize', params: { id: 't1', cols: 'wide', rows: 10 } });
  expect(bad.reply.ok).toBe(false);
  expect(bad.reply.error).toMatchObject({ code: 'INVALID_REQUEST', field: 'cols' });
  expect(bad.reply.error!.message).toContain('"cols"');
  const unknown = await ask({ id: 2, channel: 'shell:exec', params: { command: 'rm -rf /' } });
  expect(unknown.reply.error?.code).toBe('UNKNOWN_CHANNEL');
  const garbage = await ask('not json at all');
  expect(garbage.reply.error?.code).toBe('INVALID_REQUEST');
  ws.close();
});
