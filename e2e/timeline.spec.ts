// Planned versus actual: a ×60 rehearsal of seed 000 with one trainer's fault. The timeline panel shows
// planned and actual bars for the phases walked, the fault's step in the failed colour and the rollback
// decision; the HTML and PDF exports carry the same timeline as inline SVG (the PDF is rendered and kept
// for a look). An English runbook gives the English picture.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ARTIFACTS, expect, ROOT, SEEDS, screenshot, STAGING_VARIABLES, startRelease, test } from './fixtures';

const SEED000 = join(SEEDS, '000_8597f5dc98a4b98d.txt');

async function runStep(page: Page, start: string, run: string | null, confirmRun = ''): Promise<string> {
  const controls = page.getByTestId('step-controls');
  const title = (await controls.locator('.step-controls-head strong').textContent()) ?? '';
  await controls.getByRole('button', { name: start }).click();
  const commands = controls.locator('.command');
  for (let i = 0; run && i < (await commands.count()); i++) {
    const cmd = commands.nth(i);
    await cmd.getByRole('button', { name: run, exact: true }).click();
    // A change step's confirmation is a dialog of its own (the focus on its button).
    const confirm = page.getByTestId('confirm-run').getByRole('button', { name: confirmRun });
    await expect(cmd.getByTestId('run-result').or(confirm)).toBeVisible({ timeout: 45_000 });
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await expect(cmd.getByTestId('run-result')).toBeVisible({ timeout: 45_000 });
  }
  return title;
}

async function finishStep(page: Page, title: string, done: string): Promise<void> {
  const controls = page.getByTestId('step-controls');
  await controls.getByRole('button', { name: done, exact: true }).click();
  await expect
    .poll(() =>
      controls
        .locator('.step-controls-head strong')
        .textContent({ timeout: 300 })
        .catch(() => '(none)'),
    )
    .not.toBe(title);
}

async function download(page: Page, testId: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = join(mkdtempSync(join(tmpdir(), 'tejun-dl-')), d.suggestedFilename());
  await d.saveAs(path);
  return path;
}

/** The rows of a timeline SVG as "id:outcome", to compare the live picture with the exported one. */
const rowsOf = (svg: string) =>
  [...svg.matchAll(/data-row="([^"]+)" data-outcome="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);

async function openTimeline(page: Page): Promise<void> {
  const panel = page.getByTestId('timeline');
  // Keyboard: the panel's summary takes focus and opens with Enter; the figure is focusable after it.
  await panel.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(panel.locator('svg.tl-svg')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(panel.locator('.timeline-figure')).toBeFocused();
}

test('×60 rehearsal of seed 000 with a fault: the timeline live and in the HTML and PDF exports', async ({
  page,
  host,
}) => {
  test.setTimeout(300_000);
  await startRelease(page, host, SEED000, 'ja', '山田', STAGING_VARIABLES, { rehearsalSpeed: 60 });
  const trainer = page.getByTestId('trainer');
  await trainer.locator('summary').click();
  await trainer.getByLabel('ステップ').selectOption({ label: '【変化】デプロイ実行' });
  await trainer.getByLabel('症状').fill('Error: ImagePullBackOff (rehearsal)');
  await trainer.getByRole('button', { name: '失敗させる' }).click();
  await trainer.locator('summary').click();

  const controls = page.getByTestId('step-controls');
  for (let guard = 0; guard < 40; guard++) {
    const title = (await controls.locator('.step-controls-head strong').textContent()) ?? '';
    if (title.includes('【変化】デプロイ実行')) break;
    await finishStep(page, await runStep(page, 'このステップを開始', '実行', '実行する'), '完了');
  }
  await controls.getByRole('button', { name: 'このステップを開始' }).click();
  await controls.locator('.command').first().getByRole('button', { name: '実行', exact: true }).click();
  // The change step asks first, in a dialog of its own.
  const confirm = page.getByTestId('confirm-run').getByRole('button', { name: '実行する' });
  await expect(confirm).toBeVisible({ timeout: 20_000 });
  await confirm.click();
  const question = page.getByTestId('rollback-question');
  await expect(question).toBeVisible({ timeout: 20_000 });
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
    await finishStep(page, await runStep(page, 'このステップを開始', '実行', '実行する'), '完了');
  }
  await page.getByRole('button', { name: 'セッションを完了' }).click();
  await expect(page.locator('.session-bar')).toContainText('切り戻し実施');

  await openTimeline(page);
  const svg = page.getByTestId('timeline').locator('svg.tl-svg');
  const phases = svg.locator('g.tl-row-phase');
  expect(await phases.count()).toBeGreaterThanOrEqual(6);
  // Every phase of the release is planned; every phase walked (up to the fault, the rollback's) has its actual bar.
  for (const p of await phases.all()) {
    const label = (await p.locator('text').first().textContent()) ?? '';
    if (label.startsWith('フェーズ')) await expect(p.locator('rect.tl-planned'), label).toHaveCount(1);
  }
  for (const name of ['フェーズ1', 'フェーズ2', 'フェーズ3', '切り戻し手順']) {
    const p = phases.filter({ hasText: name }).first();
    await expect(p.locator('rect.tl-actual'), name).toHaveCount(1);
  }
  const deploy = svg.locator('g.tl-row-step').filter({ hasText: '【変化】デプロイ実行' });
  await expect(deploy).toHaveAttribute('data-outcome', 'failed');
  const err = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--err').trim());
  const fill = await deploy.locator('rect.tl-actual').evaluate((r) => getComputedStyle(r).fill);
  expect(fill).toBe(
    await page.evaluate((c) => {
      const d = document.createElement('div');
      d.style.color = c;
      document.body.append(d);
      const v = getComputedStyle(d).color;
      d.remove();
      return v;
    }, err),
  );
  await expect(svg.locator('[data-marker="decision"]')).toContainText('判断: 切り戻し');
  await expect(svg.locator('[data-marker="deadline"]')).toHaveCount(1);
  expect(await svg.locator('[data-marker="progress-report"]').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('timeline-table')).toContainText('【変化】デプロイ実行');
  await page.getByTestId('timeline').scrollIntoViewIfNeeded();
  await screenshot(page, 'timeline-live-ja');
  const live = rowsOf(await svg.evaluate((e) => e.outerHTML));

  const html = readFileSync(await download(page, 'export-html'), 'utf8');
  const exported = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
  expect(exported).not.toMatch(/<script|href=/i);
  expect(rowsOf(exported)).toEqual(live);
  const pdf = await download(page, 'export-pdf');
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', pdf, join(ARTIFACTS, 'timeline-pdf-ja')]);
  expect(execFileSync('pdftotext', ['-f', '1', '-l', '2', pdf, '-'], { encoding: 'utf8' })).toContain(
    '計画と実績のタイムライン',
  );

  // Propose runbook changes: the failed step and its reason come back as a redline, and git accepts the patch.
  await page.getByTestId('redline-propose').click();
  await expect(page.getByTestId('redline-diff')).toContainText('> redline: 失敗した');
  const patch = await download(page, 'redline-save');
  const repo = mkdtempSync(join(tmpdir(), 'tejun-redline-e2e-'));
  const name = /^\+\+\+ b\/(.+?)\t?$/m.exec(readFileSync(patch, 'utf8'))![1]!.trim();
  writeFileSync(join(repo, name), readFileSync(SEED000));
  execFileSync('git', ['apply', '--check', patch], { cwd: repo });
  await page.getByTestId('redline').scrollIntoViewIfNeeded();
  await screenshot(page, 'redline-ja');

  // The same picture in English and the night theme, for the operator who reads English.
  await page.locator('header').getByLabel('言語').selectOption('en');
  await expect(svg.locator('[data-marker="decision"]')).toContainText('Decision: roll back');
  await screenshot(page, 'timeline-live-en');
});

test('an English runbook: the timeline live (light theme) and in the PDF, in English', async ({ page, host }) => {
  test.setTimeout(180_000);
  await startRelease(page, host, join(ROOT, 'runbooks', 'release-en.md'), 'en', 'Aiko', STAGING_VARIABLES, {
    rehearsalSpeed: 60,
  });
  await page.locator('header').getByLabel('Theme').selectOption('light');
  for (let i = 0; i < 3; i++) await finishStep(page, await runStep(page, 'Start step', null), 'Done');
  await openTimeline(page);
  const svg = page.getByTestId('timeline').locator('svg.tl-svg');
  expect(await svg.locator('g.tl-row-step[data-outcome="done"]').count()).toBeGreaterThanOrEqual(3);
  await expect(svg.locator('[data-marker="now"]')).toContainText('Now');
  await screenshot(page, 'timeline-live-en-light');
  // Open, the panel has no serious accessibility problem (the figure is named, the table says it in text).
  const axe = await new AxeBuilder({ page }).include('[data-testid="timeline"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  const pdf = await download(page, 'export-pdf');
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, join(ARTIFACTS, 'timeline-pdf-en')]);
  expect(execFileSync('pdftotext', ['-f', '1', '-l', '2', pdf, '-'], { encoding: 'utf8' })).toContain(
    'Timeline: planned versus actual',
  );
});

test('after two rehearsals of a runbook, the third shows the steps’ p50/p90 beside the estimate', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  const controls = page.getByTestId('step-controls');
  for (const wait of [1500, 3500]) {
    await startRelease(page, host, join(ROOT, 'runbooks', 'release-en.md'), 'en', 'Aiko', STAGING_VARIABLES, {
      rehearsalSpeed: 60,
    });
    await expect(controls.getByTestId('step-baseline')).toHaveCount(wait === 1500 ? 0 : 1);
    const title = await runStep(page, 'Start step', null);
    await page.waitForTimeout(wait);
    await finishStep(page, title, 'Done');
    await page.getByRole('button', { name: 'Declare rollback' }).click();
    await page.getByLabel('Reason').fill('rehearsal ends here');
    await page.getByRole('button', { name: 'Record' }).click();
    await page.getByRole('button', { name: 'Complete the session' }).click();
    await expect(page.locator('.session-bar')).toContainText('Rolled back');
  }
  await startRelease(page, host, join(ROOT, 'runbooks', 'release-en.md'), 'en', 'Aiko', STAGING_VARIABLES, {
    rehearsalSpeed: 60,
  });
  const baseline = controls.getByTestId('step-baseline');
  await expect(baseline).toContainText(/Past runs: p50 [\d.]+ min · p90 [\d.]+ min \(2 runs\)/);
  const [p50, p90] = ((await baseline.textContent()) ?? '').match(/[\d.]+(?= min)/g)!.map(Number);
  // ×60: about 1.5 and 3.5 wall seconds became minutes; p90 lies towards the slower run.
  expect(p50!).toBeGreaterThan(1);
  expect(p90!).toBeGreaterThan(p50!);
  await screenshot(page, 'baseline-step-card-en');
});
