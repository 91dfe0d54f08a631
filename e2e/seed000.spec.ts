// The release night on seed 000 (the teams' own template), through the Japanese UI, both ways:
// (a) every phase to a successful completion; (b) a failure in デプロイ → the rollback question →
// roll back → the rollback steps → completed as rolled back.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, ROOT, SEEDS, screenshot, startRelease, test } from './fixtures';

const SEED000 = join(SEEDS, '000_8597f5dc98a4b98d.txt');

/** Start and finish steps until `stop` says so; answers the 正常? gate when it comes. */
async function walk(page: Page, stop: (title: string) => boolean): Promise<number> {
  const controls = page.getByTestId('step-controls');
  let n = 0;
  for (;;) {
    if (await page.getByRole('button', { name: 'はい — 監視フェーズへ' }).isVisible()) {
      await page.getByRole('button', { name: 'はい — 監視フェーズへ' }).click();
      await expect(page.locator('.life').first()).toHaveText('監視中');
    }
    if (!(await controls.isVisible())) return n;
    const title =
      (await controls
        .locator('.step-controls-head strong')
        .textContent({ timeout: 1000 })
        .catch(() => null)) ?? '';
    if (!title) return n;
    if (stop(title)) return n;
    const start = controls.getByRole('button', { name: 'このステップを開始' });
    if (!(await start.isVisible())) return n;
    await start.click();
    await expect(controls.locator('.step-state')).toHaveText('実施中');
    await controls.getByRole('button', { name: '完了', exact: true }).click();
    // The next step comes up by itself (or none, after the last).
    await expect
      .poll(() =>
        controls
          .locator('.step-controls-head strong')
          .textContent({ timeout: 300 })
          .catch(() => '(none)'),
      )
      .not.toBe(title);
    n++;
  }
}

function verify(dataDir: string): string {
  const sessions = join(dataDir, 'sessions');
  const [id] = readdirSync(sessions);
  return execFileSync(process.execPath, [join(ROOT, 'bin/tejun.mjs'), 'journal', 'verify', join(sessions, id!)], {
    encoding: 'utf8',
  });
}

test('(a) seed 000 from start to a signed-off success, in Japanese', async ({ page, host }) => {
  test.setTimeout(180_000);
  await startRelease(page, host, SEED000, 'ja', '山田');
  await expect(page.locator('.life').first()).toHaveText('実施中');
  // The step's Slack post, filled with what the session knows.
  await expect(page.getByTestId('template-text').first()).toContainText('作業者: @山田');
  await screenshot(page, 'seed000-running-ja');
  let walked = await walk(page, (title) => title === 'メトリクス確認');
  // The metrics table: the normal range beside the measured value, judged as it is typed.
  const controls = page.getByTestId('step-controls');
  await controls.getByRole('button', { name: 'このステップを開始' }).click();
  const metrics = controls.getByTestId('metrics-table');
  await metrics.getByRole('textbox', { name: 'エラーレート / 実測値' }).fill('0.05');
  await expect(metrics.getByTestId('range-suggestion').first()).toContainText('✓');
  await metrics.getByRole('textbox', { name: 'CPU使用率 / 実測値' }).fill('93');
  await expect(metrics.getByTestId('range-suggestion').nth(1)).toContainText('✗');
  await metrics.getByRole('group', { name: 'エラーレート / 判定' }).getByRole('button', { name: '✓ 正常' }).click();
  await expect(
    metrics.getByRole('group', { name: 'エラーレート / 判定' }).getByRole('button', { name: '✓ 正常' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(controls.getByTestId('step-elapsed')).toContainText('経過');
  await screenshot(page, 'seed000-metrics-ja');
  await controls.getByRole('button', { name: '完了', exact: true }).click();
  walked += 1 + (await walk(page, (title) => title.includes('定期監視スケジュール')));
  // The schedule table as checkpoints timed from the start of monitoring.
  await controls.getByRole('button', { name: 'このステップを開始' }).click();
  const schedule = controls.getByTestId('schedule-table');
  await expect(schedule.getByTestId('checkpoint-due')).toHaveCount(6);
  await expect(schedule.getByTestId('checkpoint-due').nth(1)).toContainText('あと');
  await schedule.getByRole('button', { name: '完了: リリース直後 / 完了' }).click();
  await expect(schedule.locator('.tick-done').first()).toContainText('✓');
  await screenshot(page, 'seed000-schedule-ja');
  await controls.getByRole('button', { name: '完了', exact: true }).click();
  walked += 1 + (await walk(page, () => false));
  expect(walked).toBeGreaterThanOrEqual(30);
  await expect(page.locator('.life').first()).toHaveText('監視中');
  await expect(page.locator('[data-state="done"]')).toHaveCount(walked);
  await page.getByRole('button', { name: 'セッションを完了' }).click();
  await expect(page.locator('.session-bar')).toContainText('成功');
  await page.getByTestId('sign-operator').getByLabel('鍵のパスフレーズ').fill('夜間作業の鍵です');
  await page.getByRole('button', { name: '作業者として承認（サインオフ）' }).click();
  await expect(page.locator('.session-bar')).toContainText('承認済み');
  await expect(page.getByTestId('signed-by')).toContainText(/山田 SHA256:/);
  await screenshot(page, 'seed000-signed-off-ja');
  expect(verify(host.dataDir)).toContain('OK: the chain is intact.');
  // The filled-in procedure, in Japanese, from the same session: blanks filled, the record at the end.
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-md').click()]);
  const md = readFileSync(await d.path(), 'utf8');
  expect(md).toContain('## 実施記録（tejun）');
  expect(md).toMatch(/\| 山田 \| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| `SHA256:/);
});

test('(b) seed 000: a failure in デプロイ, the rollback question, the rollback steps, completed as rolled back', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await startRelease(page, host, SEED000, 'ja', '山田');
  await walk(page, (title) => title.includes('【変化】デプロイ実行'));
  const controls = page.getByTestId('step-controls');
  await controls.getByRole('button', { name: 'このステップを開始' }).click();
  await controls.getByRole('button', { name: '失敗…' }).click();
  await controls.getByLabel('何が起きたか').fill('ロールアウトが完了しない（タイムアウト）');
  await controls.getByRole('button', { name: '記録する' }).click();

  const question = page.getByTestId('rollback-question');
  await expect(question).toContainText('ロールアウトが完了しない');
  await expect(question).toContainText('アプリケーションが起動しない');
  await expect(question).toContainText('レスポンスタイムが通常の3倍超');
  await expect(question).toContainText('エスカレーション先');
  await expect(question.getByTestId('contacts')).toBeVisible();
  await screenshot(page, 'seed000-rollback-question-ja');
  await question.getByLabel('理由').fill('デプロイ失敗、制限時間内に切り戻す');
  await question.getByLabel('判断者').fill('佐藤（リリース責任者）');
  await question.getByRole('button', { name: '今すぐ切り戻す' }).click();
  await expect(page.locator('.life').first()).toHaveText('切り戻し中');

  await expect(controls).toContainText('ステップ1: 切り戻し宣言');
  const rolled = await walk(page, () => false);
  expect(rolled).toBe(5);
  await screenshot(page, 'seed000-rolled-back-steps-ja');
  await page.getByRole('button', { name: 'セッションを完了' }).click();
  await expect(page.locator('.session-bar')).toContainText('切り戻し実施');
  const out = verify(host.dataDir);
  expect(out).toContain('OK: the chain is intact.');
});
