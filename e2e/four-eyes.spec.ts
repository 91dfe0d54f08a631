// Four eyes across two machines, played by two browser contexts: the operator on 127.0.0.1, the invite
// listener on 127.0.0.2 (a loopback alias Linux answers without setup), TLS with tejun's own certificate.
// The checker's context accepts that self-signed certificate (ignoreHTTPSErrors) only after the test has
// compared the code its page shows with the SHA-256 of the certificate the server actually presents.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { WebSocket } from 'ws';
import { encodeFrame, FRAME_INPUT } from '../src/shared/terminalFrames';
import type { Page } from '@playwright/test';
import { apiSocketArgs, expect, ROOT, screenshot, startRelease, test, type Host } from './fixtures';

/**
 * After Run: a change step asks first, and the dialog can open a moment after the click, so a single
 * isVisible() raced it (CI saw the dialog open just after the check). Wait until either the dialog is up
 * or Run's outcome (`done`) is there, and confirm the dialog with Enter if it is the one.
 */
async function confirmIfAsked(page: Page, done: () => Promise<boolean>): Promise<void> {
  const dialog = page.getByRole('alertdialog');
  await expect.poll(async () => (await dialog.isVisible()) || (await done())).toBe(true);
  if (await dialog.isVisible()) await page.keyboard.press('Enter');
}

const RUNBOOK = [
  '---',
  'title: Four eyes drill',
  'four_eyes: change',
  '---',
  '',
  '# Four eyes drill',
  '',
  '## Phase 1: Change (10 min)',
  '',
  '### [Change] Announce the new version',
  '',
  '```bash',
  'echo "deployed-v42"',
  '```',
  '',
].join('\n');

function journal(host: Host): string {
  const files = readdirSync(host.dataDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('journal.jsonl'),
  );
  return files.map((f) => readFileSync(join(host.dataDir, f), 'utf8')).join('');
}

/** The certificate the listener presents, hashed here, independently of anything the page says. */
function served(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port, rejectUnauthorized: false }, () => {
      resolve(createHash('sha256').update(s.getPeerCertificate().raw).digest('hex'));
      s.end();
    });
    s.on('error', reject);
  });
}

/** A socket speaking the contract: call(channel, params) → the reply envelope. */
async function rpc(url: string, protocols: string[], headers: Record<string, string>, tls = false) {
  const ws = new WebSocket(url, protocols, { headers, ...(tls ? { rejectUnauthorized: false } : {}) });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 1;
  const waiting = new Map<number, (r: { ok: boolean; error?: { code: string; message: string } }) => void>();
  ws.on('message', (raw, binary) => {
    if (binary) return;
    const m = JSON.parse(raw.toString()) as { id?: number; reply?: { ok: boolean } };
    if (m.id && waiting.has(m.id)) waiting.get(m.id)!(m.reply as never);
  });
  const call = (channel: string, params: unknown) =>
    new Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, channel, params }));
    });
  return { ws, call };
}

const codeOf = (hex: string) => [0, 4, 8, 12].map((i) => hex.slice(i, i + 4).toUpperCase()).join('-');

test('a checker joins by invite, Run waits, the confirmation lets it run, the bundle names the checker', async ({
  page,
  host,
  browser,
}) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tejun-4e-')), 'four-eyes-en.md');
  writeFileSync(file, RUNBOOK);
  await startRelease(page, host, file, 'en', 'Aiko');

  // The operator opens the listener on 127.0.0.2 and invites a checker and a watcher.
  await page.keyboard.press('Alt+e');
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('invite-address').fill('127.0.0.2');
  await dialog.getByRole('button', { name: 'Open the invite listener' }).click();
  const code = (await dialog.getByTestId('invite-code').textContent())!.trim();
  const invite = async (name: string, role: string): Promise<string> => {
    await dialog.getByTestId('invite-name').fill(name);
    await dialog.getByTestId('invite-role').selectOption(role);
    await dialog.getByRole('button', { name: 'Create a one-time link' }).click();
    await expect(dialog.getByTestId('invite-link')).toHaveValue(/#invite=/);
    return dialog.getByTestId('invite-link').inputValue();
  };
  const checkerUrl = await invite('Sato', 'checker');
  await screenshot(page, 'four-eyes-invite-en');
  const url = new URL(checkerUrl);
  expect(url.hostname).toBe('127.0.0.2');
  expect(url.protocol).toBe('https:');
  const sha = await served('127.0.0.2', Number(url.port));
  expect(code).toBe(codeOf(sha));
  await page.keyboard.press('Escape');

  // A forged invite is refused before any socket exists.
  const forged = await new Promise<number>((resolve) => {
    const ws = new WebSocket(`wss://127.0.0.2:${url.port}/api`, ['tejun', `tejun.invite.${'0'.repeat(64)}`], {
      rejectUnauthorized: false,
      headers: { Origin: url.origin },
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => resolve(200));
  });
  expect(forged).toBe(401);

  const checkerCtx = await browser.newContext({ ignoreHTTPSErrors: true });
  const checker = await checkerCtx.newPage();
  await checker.goto(checkerUrl);
  await expect(checker.getByTestId('joiner-code')).toHaveText(code);
  await checker.getByRole('button', { name: 'The codes match — join' }).click();
  await expect(checker.getByText('Nothing is waiting for you.')).toBeVisible();
  await expect.poll(() => journal(host)).toContain('"type":"person-joined"');

  // The invite was used up: opening the same link again is refused.
  const again = await checkerCtx.newPage();
  await again.goto(checkerUrl);
  await expect(again.getByRole('alert')).toContainText('no longer valid');
  await again.close();

  // Run on the change step waits for the checker.
  const controls = page.getByTestId('step-controls');
  await controls.getByRole('button', { name: 'Start step' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await confirmIfAsked(page, () => page.getByTestId('review-waiting').isVisible());
  await expect(page.getByTestId('review-waiting')).toContainText('Waiting for the checker');
  await expect(page.getByTestId('review-waiting')).toContainText('Sato');
  await screenshot(page, 'four-eyes-waiting-en');
  expect(journal(host)).not.toContain('"type":"command-run"');

  await expect(checker.getByTestId('joiner-command')).toContainText('echo "deployed-v42"');
  await expect(checker.getByTestId('joiner-step')).toContainText('Announce the new version');
  await screenshot(checker, 'four-eyes-checker-en');
  // Focus is on the command, to be read first; the checker confirms by keys.
  await expect(checker.getByTestId('joiner-command')).toBeFocused();
  await checker.keyboard.press('Alt+c');
  await expect(page.getByTestId('review-confirmed')).toContainText('checked by Sato');

  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await confirmIfAsked(page, async () => journal(host).includes('"type":"command-run"'));
  await expect.poll(() => journal(host)).toContain('"type":"command-run"');
  // The checker sees the terminal's output live, read-only.
  await expect(checker.getByTestId('mirror-terminal')).toContainText('deployed-v42');

  // Dropped and back (a reload): the same credential and key, the current state at once.
  await checker.reload();
  await expect(checker.getByTestId('joiner-step')).toContainText('Announce the new version');
  await expect(checker.getByTestId('mirror-terminal')).toContainText('deployed-v42');
  await expect.poll(() => journal(host).match(/"type":"person-joined"/g)?.length ?? 0).toBe(2);

  // A secret in the terminal stays on this machine: the mirror shows whole lines, redacted.
  await page.getByTestId('terminal').click();
  await page.keyboard.type('echo "db --password=hunter2 ok"');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText('--password=hunter2 ok');
  await expect(checker.getByTestId('mirror-terminal')).toContainText('ok');
  await expect(checker.getByTestId('mirror-terminal')).toContainText('db --password=');
  await expect(checker.getByTestId('mirror-terminal')).not.toContainText('hunter2');

  const decision = journal(host)
    .split('\n')
    .find((l) => l.includes('"type":"review-decision"'))!;
  expect(decision).toContain('"by":"Sato"');
  expect(decision).toContain('"decision":"confirm"');

  // The operator cannot confirm their own step: their socket may not decide, whatever it signs.
  const op = await rpc(apiSocketArgs(host).url, apiSocketArgs(host).protocols, apiSocketArgs(host).headers);
  const sessionId = /"sessionId":"([^"]+)"/.exec(journal(host))![1]!;
  const own = await op.call('review:decide', {
    signed: {
      sessionId,
      stepId: 'x',
      commandId: 'x',
      textHash: '0'.repeat(64),
      decision: 'confirm',
      reason: '',
      by: 'Aiko',
      role: 'checker',
      time: new Date().toISOString(),
    },
    signature: 'AAAA',
  });
  expect(own.error?.code).toBe('FORBIDDEN');
  // Nor invite themselves as their own checker.
  const self = await op.call('invite:create', { sessionId, name: 'Aiko', role: 'checker' });
  expect(self.error?.code).toBe('FORBIDDEN');
  op.ws.close();

  // A watcher (joined by its own invite, with an Ed25519 key) cannot type into the terminal or open a file.
  await page.keyboard.press('Alt+e');
  const watcherUrl = new URL(await invite('Kenji', 'watcher'));
  await page.keyboard.press('Escape');
  const secret = watcherUrl.hash.slice('#invite='.length);
  const w = await rpc(
    `wss://127.0.0.2:${url.port}/api`,
    ['tejun', `tejun.invite.${secret}`],
    { Origin: url.origin },
    true,
  );
  const spki = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  expect((await w.call('review:join', { publicKey: spki })).ok).toBe(true);
  const open = await w.call('runbook:openPath', { path: '/etc/passwd' });
  expect(open.error?.code).toBe('FORBIDDEN');
  const typed = await w.call('terminal:input', { id: 't1', data: 'rm -rf /\r' });
  expect(typed.error?.code).toBe('FORBIDDEN');
  w.ws.send(encodeFrame(FRAME_INPUT, 't1', new TextEncoder().encode('echo pwned\r')));
  await expect.poll(() => journal(host)).toContain('"channel":"runbook:openPath"');
  await expect.poll(() => journal(host).match(/"channel":"terminal:input"/g)?.length ?? 0).toBe(2);
  expect(journal(host)).toContain('"type":"access-refused","by":"Kenji","role":"watcher"');
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).not.toContainText('pwned');
  w.ws.close();

  // Revoked: cut off within a second.
  await page.keyboard.press('Alt+e');
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Cut off Sato' }).click();
  await expect(checker.locator('.joiner-lost')).toBeVisible({ timeout: 1000 });
  expect(Date.now() - t0).toBeLessThan(1500);
  await expect.poll(() => journal(host)).toContain('"how":"revoked"');
  await checkerCtx.close();

  // The evidence: the bundle verifies, naming the checker and the valid signature; the procedure says who checked.
  const dir = join(host.dataDir, 'sessions', sessionId);
  const out = mkdtempSync(join(tmpdir(), 'tejun-4e-out-'));
  const tejun = (...args: string[]) =>
    execFileSync(process.execPath, [join(ROOT, 'bin/tejun.mjs'), ...args], { encoding: 'utf8' });
  tejun('export', dir, '--format', 'bundle', '--out', join(out, 'b.json'));
  const verified = tejun('verify', join(out, 'b.json'), '--require', 'none', '--data-dir', host.dataDir);
  expect(verified).toMatch(/checked: +confirmed step .* by Sato \(checker\) .*signature valid/);
  expect(verified).toContain('OK');
  tejun('export', dir, '--format', 'md', '--out', join(out, 'p.md'));
  expect(readFileSync(join(out, 'p.md'), 'utf8')).toMatch(/✓ checked by Sato \d\d:\d\d/);
});

const RUNBOOK_JA = [
  '---',
  'title: ダブルチェック訓練',
  'four_eyes: change',
  '---',
  '',
  '# ダブルチェック訓練',
  '',
  '## フェーズ1: 変更（10分）',
  '',
  '### 【変化】新バージョンを告知',
  '',
  '```bash',
  'echo "配備-v43"',
  '```',
  '',
].join('\n');

test('日本語: 保留は切り戻しの問いを両方の画面に出し、切断された確認者は待ち時間と進め方を示す', async ({
  page,
  host,
  browser,
}) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tejun-4e-')), 'four-eyes-ja.md');
  writeFileSync(file, RUNBOOK_JA);
  await startRelease(page, host, file, 'ja', '山田');
  await page.getByRole('button', { name: '招待…' }).click();
  const dialog = page.getByRole('dialog', { name: 'ダブルチェックの相手を招待' });
  await dialog.getByTestId('invite-address').fill('127.0.0.2');
  await dialog.getByRole('button', { name: '招待の待ち受けを開く' }).click();
  const code = (await dialog.getByTestId('invite-code').textContent())!.trim();
  await dialog.getByTestId('invite-name').fill('佐藤');
  await dialog.getByRole('button', { name: '一回限りのリンクを作る' }).click();
  await expect(dialog.getByTestId('invite-link')).toHaveValue(/#invite=/);
  const link = await dialog.getByTestId('invite-link').inputValue();
  expect(code).toBe(codeOf(await served('127.0.0.2', Number(new URL(link).port))));
  await screenshot(page, 'four-eyes-invite-ja');
  await page.keyboard.press('Escape');

  const ctx = await browser.newContext({ ignoreHTTPSErrors: true });
  const checker = await ctx.newPage();
  await checker.goto(link.replace('/#', '/?lang=ja#'));
  await expect(checker.getByTestId('joiner-code')).toHaveText(code);
  await checker.getByRole('button', { name: 'コードが一致した — 参加する' }).click();
  await expect(checker.getByText('いま確認を待っているものはありません。')).toBeVisible();

  const controls = page.getByTestId('step-controls');
  await controls.getByRole('button', { name: 'このステップを開始' }).click();
  await controls.getByRole('button', { name: '実行', exact: true }).click();
  await confirmIfAsked(page, () => page.getByTestId('review-waiting').isVisible());
  await expect(page.getByTestId('review-waiting')).toContainText('確認者の確認待ち');
  await screenshot(page, 'four-eyes-waiting-ja');
  await expect(checker.getByTestId('joiner-command')).toContainText('echo "配備-v43"');
  await screenshot(checker, 'four-eyes-checker-ja');

  // Hold, with a reason: the rollback question's "what happened" opens on the operator's screen, the
  // checker's shows the same fact.
  await checker.getByRole('button', { name: '保留…' }).click();
  await checker
    .getByRole('textbox', { name: '何が問題か（作業者の画面にすぐ出ます）' })
    .fill('タグが違う（v42 のはず）');
  await checker.getByRole('button', { name: 'この理由で保留する' }).click();
  await expect(page.getByTestId('rollback-question')).toContainText('タグが違う（v42 のはず）');
  await expect(checker.getByRole('alert').filter({ hasText: 'タグが違う' })).toBeVisible();
  await page.keyboard.press('Escape');

  // The checker drops: Run asks again, the banner says nobody is there and how long it has waited.
  await ctx.close();
  await expect.poll(() => journal(host)).toContain('"how":"dropped"');
  await controls.getByRole('button', { name: '実行', exact: true }).click();
  await confirmIfAsked(page, () => page.getByTestId('review-waiting').isVisible());
  const waiting = page.getByTestId('review-waiting');
  await expect(waiting).toContainText('確認者が接続していません');
  await expect(waiting).toContainText(/\d+:\d\d 経過/);
  await waiting.getByRole('textbox').fill('佐藤さんの回線断。リリース責任者の了承済み');
  await waiting.getByRole('button', { name: '確認者なしで進める' }).click();
  await expect(waiting).toHaveCount(0);
  await controls.getByRole('button', { name: '実行', exact: true }).click();
  await confirmIfAsked(page, async () => journal(host).includes('"type":"command-run"'));
  await expect.poll(() => journal(host)).toContain('"type":"command-run"');
  expect(journal(host)).toContain('"type":"review-override"');

  const sessionId = /"sessionId":"([^"]+)"/.exec(journal(host))![1]!;
  const out = mkdtempSync(join(tmpdir(), 'tejun-4e-out-'));
  execFileSync(process.execPath, [
    join(ROOT, 'bin/tejun.mjs'),
    'export',
    join(host.dataDir, 'sessions', sessionId),
    '--format',
    'md',
    '--out',
    join(out, 'p.md'),
  ]);
  const md = readFileSync(join(out, 'p.md'), 'utf8');
  expect(md).toContain('保留 佐藤');
  expect(md).toContain('確認者なしで実行 山田');
  expect(md).toContain('佐藤さんの回線断。リリース責任者の了承済み');
});
