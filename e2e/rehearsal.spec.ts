// Offline rehearsal of seed 000 in the Japanese UI: every command runs through the shims in the real
// terminal and matches the runbook's own expected value; a trainer's fault in デプロイ leads to the
// rollback question and a completed rollback; at ×60 the two-hour deadline counts down in seconds.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  expect,
  SEEDS,
  screenshot,
  STAGING_VARIABLES,
  startHost,
  startRelease,
  stopHost,
  test,
  type Host,
} from './fixtures';

const SEED000 = join(SEEDS, '000_8597f5dc98a4b98d.txt');

async function startRehearsal(page: Page, host: Host, speed: 1 | 60): Promise<void> {
  await startRelease(page, host, SEED000, 'ja', '山田', STAGING_VARIABLES, { rehearsalSpeed: speed });
  await expect(page.getByTestId('rehearsal-badge')).toContainText('リハーサル');
  await expect(page.getByTestId('terminal-status')).toContainText('シェル連携: 有効');
}

/** Start the step, run each of its commands through the shims, check each result, finish it. */
async function runStep(page: Page): Promise<{ title: string; results: string[] }> {
  const controls = page.getByTestId('step-controls');
  const title = (await controls.locator('.step-controls-head strong').textContent()) ?? '';
  await controls.getByRole('button', { name: 'このステップを開始' }).click();
  const results: string[] = [];
  const commands = controls.locator('.command');
  for (let i = 0; i < (await commands.count()); i++) {
    const cmd = commands.nth(i);
    await cmd.getByRole('button', { name: '実行', exact: true }).click();
    // The confirmation is a dialog of its own (the focus on its button), not inside the command.
    const confirm = page.getByTestId('confirm-run').getByRole('button', { name: '実行する' });
    await expect(cmd.getByTestId('run-result').or(confirm)).toBeVisible({ timeout: 20_000 });
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await expect(cmd.getByTestId('run-result')).toBeVisible({ timeout: 20_000 });
    results.push((await cmd.getByTestId('run-result').textContent()) ?? '');
  }
  return { title, results };
}

async function finishStep(page: Page, title: string): Promise<void> {
  const controls = page.getByTestId('step-controls');
  await controls.getByRole('button', { name: '完了', exact: true }).click();
  await expect
    .poll(() =>
      controls
        .locator('.step-controls-head strong')
        .textContent({ timeout: 300 })
        .catch(() => '(none)'),
    )
    .not.toBe(title);
}

test('rehearse seed 000 end to end: every command through the shims, each matching its expected value', async ({
  page,
  host,
}) => {
  test.setTimeout(300_000);
  await startRehearsal(page, host, 1);
  const controls = page.getByTestId('step-controls');
  let ran = 0;
  let matched = 0;
  let notComparable = 0;
  for (let guard = 0; guard < 60; guard++) {
    if (await page.getByRole('button', { name: 'はい — 監視フェーズへ' }).isVisible())
      await page.getByRole('button', { name: 'はい — 監視フェーズへ' }).click();
    if (
      !(await controls.isVisible()) ||
      !(await controls.getByRole('button', { name: 'このステップを開始' }).isVisible())
    )
      break;
    const { title, results } = await runStep(page);
    ran += results.length;
    matched += results.filter((r) => r.includes('期待値と一致')).length;
    notComparable += results.filter((r) => r.includes('自動比較できません')).length;
    for (const r of results) expect(r, title).toContain('終了コード 0');
    for (const r of results) expect(r, title).not.toContain('期待値と不一致');
    if (title.includes('アプリケーションバージョン確認')) {
      await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText('api:v1.1.0');
      await screenshot(page, 'rehearsal-shim-match-ja');
    }
    await finishStep(page, title);
  }
  expect(ran).toBeGreaterThanOrEqual(20);
  // Every command with an expected value in the runbook matches; those without one are shown as not
  // comparable (never a match against nothing, never a failed check).
  expect(matched).toBeGreaterThanOrEqual(8);
  expect(notComparable).toBeGreaterThanOrEqual(8);
  expect(matched + notComparable).toBe(ran);
  await expect(page.locator('.life').first()).toHaveText('監視中');
  await page.getByRole('button', { name: 'セッションを完了' }).click();
  await expect(page.locator('.session-bar')).toContainText('成功');
  await screenshot(page, 'rehearsal-completed-ja');
});

test('a trainer’s fault in デプロイ: the check fails, the rollback question, the rollback completes; ×60 clocks', async ({
  page,
  host,
}) => {
  test.setTimeout(300_000);
  await startRehearsal(page, host, 60);
  await expect(page.getByTestId('rehearsal-badge')).toContainText('×60');
  // At ×60 the two-hour deadline visibly moves by about a minute per second.
  const deadline = page.getByTestId('deadline');
  const read = async () => {
    const t = ((await deadline.locator('b').textContent()) ?? '').split(':').map(Number);
    return t.length === 3 ? t[0]! * 3600 + t[1]! * 60 + t[2]! : t[0]! * 60 + t[1]!;
  };
  const first = await read();
  await page.waitForTimeout(2000);
  const second = await read();
  expect(first - second).toBeGreaterThanOrEqual(60);
  await screenshot(page, 'rehearsal-x60-ja');

  // The trainer prepares the fault from the runbook's own troubleshooting symptom.
  const trainer = page.getByTestId('trainer');
  await trainer.locator('summary').click();
  await trainer.getByLabel('ステップ').selectOption({ label: '【変化】デプロイ実行' });
  await trainer.getByLabel('症状').fill('Error: ImagePullBackOff (rehearsal)');
  await trainer.getByRole('button', { name: '失敗させる' }).click();
  await expect(trainer.getByTestId('trainer-faults')).toContainText('ImagePullBackOff');
  await trainer.locator('summary').click();

  const controls = page.getByTestId('step-controls');
  for (let guard = 0; guard < 40; guard++) {
    const title = (await controls.locator('.step-controls-head strong').textContent()) ?? '';
    if (title.includes('【変化】デプロイ実行')) break;
    const r = await runStep(page);
    await finishStep(page, r.title);
  }
  await controls.getByRole('button', { name: 'このステップを開始' }).click();
  await controls.locator('.command').first().getByRole('button', { name: '実行', exact: true }).click();
  // A change step: the confirmation always comes (a dialog of its own), a moment after the click.
  const confirm = page.getByTestId('confirm-run').getByRole('button', { name: '実行する' });
  await expect(confirm).toBeVisible({ timeout: 20_000 });
  await confirm.click();
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText('ImagePullBackOff');
  const question = page.getByTestId('rollback-question');
  await expect(question).toBeVisible({ timeout: 20_000 });
  await screenshot(page, 'rehearsal-fault-question-ja');
  await question.getByLabel('理由').fill('訓練: デプロイ失敗のため切り戻す');
  await question.getByRole('button', { name: '今すぐ切り戻す' }).click();
  await expect(page.locator('.life').first()).toHaveText('切り戻し中');
  for (let guard = 0; guard < 10; guard++) {
    if (
      !(await controls
        .getByRole('button', { name: 'このステップを開始' })
        .isVisible()
        .catch(() => false))
    )
      break;
    const r = await runStep(page);
    await finishStep(page, r.title);
  }
  await page.getByRole('button', { name: 'セッションを完了' }).click();
  await expect(page.locator('.session-bar')).toContainText('切り戻し実施');
  await screenshot(page, 'rehearsal-rolled-back-ja');
});

test('an English rehearsal with the shims only: a command that would bypass them is flagged and asks; the report exports', async ({
  page,
}) => {
  // Where an OS sandbox holds the shell, a flagged command runs without asking (e2e/rehearsal-escapes.spec.ts).
  const host = await startHost([], { terminalRenderer: 'dom' }, 'serve', { TEJUN_REHEARSAL_SANDBOX: 'off' });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-rehearse-en-'));
    const file = join(dir, 'drill-en.md');
    writeFileSync(
      file,
      [
        '# Cache flush drill',
        '',
        '## Phase 1: Flush (10 min)',
        '',
        '### 1.1 [Before] Namespaces',
        '',
        '```bash',
        'kubectl get ns',
        '```',
        '',
        '**Expected**: `production`',
        '',
        '### 1.2 [Change] Flush',
        '',
        '```bash',
        '/usr/local/bin/redis-cli -h cache FLUSHALL',
        '```',
        '',
        '## Rollback procedure',
        '',
        '### Step 1: Restore',
        '',
        '```bash',
        'kubectl rollout undo deployment/cache',
        '```',
        '',
      ].join('\n'),
    );
    await startRelease(page, host, file, 'en', 'Aiko', STAGING_VARIABLES, { rehearsalSpeed: 1 });
    await expect(page.getByTestId('rehearsal-badge')).toHaveText('REHEARSAL');
    const first = await runStepEn(page);
    expect(first).toContain('matches the expected value');
    // The shim's answer is journaled with the step command it served.
    const sessions = join(host.dataDir, 'sessions');
    await expect
      .poll(() => readFileSync(join(sessions, readdirSync(sessions)[0]!, 'journal.jsonl'), 'utf8'))
      .toMatch(
        /"type":"shim-call","tool":"kubectl","args":\["get","ns"\],"stepId":"[^"]+","commandId":"[^"]+","result":"expected"/,
      );
    await page.getByTestId('step-controls').getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('bypass-flag')).toContainText('Calls /usr/local/bin/redis-cli by its absolute path');
    // Running it asks first: it would reach the real tool.
    const controls = page.getByTestId('step-controls');
    await controls.getByRole('button', { name: 'Start step' }).click();
    await controls.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('alertdialog')).toContainText('gets past the shims (/usr/local/bin/redis-cli)');
    await screenshot(page, 'rehearsal-bypass-en');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
    const report = readFileSync(await d.path(), 'utf8');
    expect(report).toContain('# Rehearsal report: Cache flush drill');
    expect(report).toMatch(/\| Phase 1: Flush \(10 min\) \| 1\.1 \[Before\] Namespaces \| done \|/);
    expect(report).toContain('**Isolation**: shims only — commands can reach the network');
  } finally {
    await stopHost(host);
  }
});

async function runStepEn(page: Page): Promise<string> {
  const controls = page.getByTestId('step-controls');
  await controls.getByRole('button', { name: 'Start step' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(controls.getByTestId('run-result')).toBeVisible({ timeout: 20_000 });
  return (await controls.getByTestId('run-result').textContent()) ?? '';
}

test('tejun rehearse FILE --speed 60 opens straight into the rehearsal', async ({ browser }) => {
  const host = await startHost([SEED000, '--speed', '60'], { terminalRenderer: 'dom' }, 'rehearse');
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    await expect(page.getByTestId('rehearsal-badge')).toHaveText('リハーサル ×60');
    await expect(page.getByRole('button', { name: '事前確認を開始' })).toBeVisible();
  } finally {
    await stopHost(host);
  }
});
