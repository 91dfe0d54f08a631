// The web host's door, tried from outside the page: no token, wrong token, foreign Origin, another local
// server the operator visits, an old ?token= address bent into an open redirect, a bundle larger than a frame.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { apiSocketArgs, expect, ROOT, screenshot, test } from './fixtures';

function tryWs(
  url: string,
  protocols: string[],
  headers: Record<string, string>,
): Promise<{ opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('open', () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ opened: false }));
  });
}

test('the app’s files are public code; an old ?token= address goes to the root, never elsewhere', async ({ host }) => {
  const page = await fetch(`${host.origin}/`, { redirect: 'manual' });
  expect(page.status).toBe(200);
  expect(page.headers.get('set-cookie')).toBeNull();
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  // GET /.//evil.example/?token=… once answered with Location: //evil.example/ (an open redirect).
  for (const path of ['/.//evil.example/', '//evil.example/', '/index.html']) {
    const res = await fetch(`${host.origin}${path}?token=${host.token}`, { redirect: 'manual' });
    expect(res.status, path).toBe(302);
    expect(res.headers.get('location'), path).toBe(`/#token=${host.token}`);
  }
  const wrong = await fetch(`${host.origin}/.//evil.example/?token=${'0'.repeat(48)}`, { redirect: 'manual' });
  expect(wrong.status).toBe(401);
  expect(wrong.headers.get('location')).toBeNull();
});

test('a WebSocket from a foreign Origin, or without the token as its subprotocol, is refused', async ({ host }) => {
  const { url, protocols } = apiSocketArgs(host);
  expect(await tryWs(url, protocols, { Origin: 'http://evil.example' })).toEqual({ opened: false, status: 403 });
  expect(await tryWs(url, protocols, { Origin: 'http://127.0.0.1:1' })).toEqual({ opened: false, status: 403 });
  expect(await tryWs(url, ['tejun'], { Origin: host.origin })).toEqual({ opened: false, status: 401 });
  // The old ways in are closed: the token in the query, or in the cookie the host used to set.
  expect(await tryWs(`${url}?token=${host.token}`, ['tejun'], { Origin: host.origin })).toEqual({
    opened: false,
    status: 401,
  });
  const cookie = `tejun_token_${new URL(host.origin).port}=${host.token}`;
  expect(await tryWs(url, ['tejun'], { Origin: host.origin, Cookie: cookie })).toEqual({ opened: false, status: 401 });
  expect(await tryWs(url, protocols, { Origin: host.origin })).toEqual({ opened: true });
});

test('another local server the page leads to receives no credential', async ({ page, host }) => {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  const other = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>another local server</title><p>other</p>');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  const port = (other.address() as { port: number }).port;
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('bundle-check')).toBeVisible();
    // The token left the address bar for this tab's sessionStorage; no cookie holds it.
    expect(page.url()).toBe(`${host.origin}/`);
    expect(await page.evaluate(() => sessionStorage.getItem('tejun.token'))).toBe(host.token);
    expect(await page.context().cookies()).toEqual([]);
    // The operator follows a link to another server on 127.0.0.1 (cookies would have gone there: they ignore ports).
    await page.evaluate((href) => {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = 'other';
      a.id = 'to-other';
      document.body.append(a);
    }, `http://127.0.0.1:${port}/landing`);
    await page.locator('#to-other').click();
    await expect(page.locator('p')).toHaveText('other');
    // And that page loads an image and fetches from its own server, with credentials.
    await page.evaluate(async () => {
      const img = new Image();
      img.src = '/img.png';
      document.body.append(img);
      await fetch('/fetched', { credentials: 'include' });
    });
    await expect
      .poll(() => seen.map((s) => s.url))
      .toEqual(expect.arrayContaining(['/landing', '/img.png', '/fetched']));
    for (const s of seen) {
      const all = `${s.url} ${JSON.stringify(s.headers)}`;
      expect(all).not.toContain(host.token);
      expect(s.headers.cookie).toBeUndefined();
    }
  } finally {
    other.close();
  }
});

test('a page opened without the token is told how to get in, once, in the operator’s language', async ({
  page,
  browser,
  host,
}) => {
  await page.goto(`${host.origin}/`);
  await expect(page.getByTestId('conn-refused')).toContainText(
    'Open the full address `tejun serve` printed (it ends in #token=…)',
  );
  // One banner says it (the keyboard hint beside it is not an error).
  await expect(page.locator('.banner-error')).toHaveCount(1);
  await screenshot(page, 'door-refused-en');
  const ja = await browser.newContext({ locale: 'ja-JP' });
  const jaPage = await ja.newPage();
  await jaPage.goto(`${host.origin}/`);
  await expect(jaPage.getByTestId('conn-refused')).toContainText('#token=… で終わるもの');
  await screenshot(jaPage, 'door-refused-ja');
  await ja.close();
});

test('a FIFO named as a runbook is refused at once, and the host keeps answering', async ({ host }) => {
  const fifo = join(mkdtempSync(join(tmpdir(), 'tejun-fifo-')), 'night.md');
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const { url, protocols, headers } = apiSocketArgs(host);
  const ws = new WebSocket(url, protocols, { headers });
  await new Promise((r) => ws.once('open', r));
  const replies = new Map<number, { ok: boolean; error?: { message: string } }>();
  ws.on('message', (d) => {
    const m = JSON.parse(String(d));
    if (typeof m.id === 'number') replies.set(m.id, m.reply);
  });
  for (let id = 1; id <= 5; id++) ws.send(JSON.stringify({ id, channel: 'runbook:openPath', params: { path: fifo } }));
  ws.send(JSON.stringify({ id: 6, channel: 'app:info', params: {} }));
  await expect.poll(() => replies.size).toBe(6);
  for (let id = 1; id <= 5; id++)
    expect(replies.get(id)!.error!.message).toContain('named pipe (FIFO), not a regular file');
  expect(replies.get(6)!.ok).toBe(true);
  ws.close();
});

/** A real session folder with a long journal (as a long night leaves), exported by `tejun export`. */
function bigBundle(minBytes: number): string {
  const runbook = readFileSync(join(ROOT, 'runbooks', 'release-en.md'));
  const sha = (b: string | Buffer): string => createHash('sha256').update(b).digest('hex');
  const sessionId = '20261210-220000-big000';
  const dir = join(mkdtempSync(join(tmpdir(), 'tejun-big-')), sessionId);
  mkdirSync(dir);
  writeFileSync(join(dir, 'runbook.md'), runbook);
  const created = {
    type: 'session-created',
    sessionId,
    runbookName: 'release-en.md',
    runbookSha256: sha(runbook),
    title: 'Payments Service Release Procedure',
    rehearsal: false,
    speed: 1,
    operator: 'Aiko',
  };
  const events: unknown[] = [created, { type: 'preflight-start' }];
  const words = 'the queue drained slowly and the operator watched the dashboard again; ';
  for (let i = 0; i < 9000; i++) events.push({ type: 'note', text: `${i}: ${words.repeat(6)}`, by: 'Aiko' });
  let prev = '0'.repeat(64);
  const t0 = Date.parse('2026-12-10T22:00:00Z');
  const lines = events.map((event, k) => {
    const line = JSON.stringify({ seq: k + 1, time: new Date(t0 + k * 1000).toISOString(), event, prev });
    prev = sha(line);
    return line;
  });
  writeFileSync(join(dir, 'journal.jsonl'), `${lines.join('\n')}\n`);
  const out = join(dir, '..', 'big.tejun.json');
  const args = [join(ROOT, 'bin/tejun.mjs'), 'export', dir, '--format', 'bundle', '--out', out];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  expect(statSync(out).size).toBeGreaterThan(minBytes);
  return out;
}

test('a bundle larger than a WebSocket frame verifies from the start screen', async ({ page, host }) => {
  test.setTimeout(120_000);
  const file = bigBundle(13 * 1024 * 1024);
  const before = host.output();
  await page.goto(host.url);
  await page.getByTestId('bundle-file-input').setInputFiles(file);
  // Every byte arrived and was checked: the chain holds; the bundle is unsigned, so the verdict is MISSING.
  await expect(page.getByTestId('verify-lines')).toContainText('journal:  9002 entries', { timeout: 60_000 });
  await expect(page.getByTestId('verify-verdict')).toContainText('big.tejun.json');
  await expect(page.getByTestId('verify-verdict')).toContainText('MISSING');
  expect(host.output().slice(before.length)).not.toMatch(/problem:|disconnected/);
  await screenshot(page, 'door-big-bundle-en');
});

test('a malformed request is rejected naming the field, and never reaches core', async ({ host }) => {
  const { url, protocols, headers } = apiSocketArgs(host);
  const ws = new WebSocket(url, protocols, { headers });
  await new Promise((r) => ws.once('open', r));
  const ask = (
    msg: unknown,
  ): Promise<{ id: number; reply: { ok: boolean; error?: { code: string; message: string; field?: string } } }> =>
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
