// A release session driven through the real UI: every click becomes a journal entry on disk, the
// clocks come from recorded instants, and a reload resumes exactly where the operator was.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, ROOT, screenshot, startRelease, test } from './fixtures';

const SAMPLE_EN = join(ROOT, 'runbooks', 'release-en.md');
const SAMPLE_JA = join(ROOT, 'runbooks', 'release-ja.md');

test('start, Go, walk steps, skip with a reason, reload and resume, roll back, complete, verify the journal', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByTestId('runbook-file-input').setInputFiles(SAMPLE_EN);
  await page.getByPlaceholder('Your name').fill('Aiko');
  await page.getByRole('button', { name: 'Start the release session' }).click();
  await expect(page.locator('.life').first()).toHaveText('Prepared');
  await page.getByRole('button', { name: 'Start preflight' }).click();
  // Go waits for every prerequisite to be ticked.
  const go = page.getByRole('button', { name: 'Go — start the release' });
  await expect(go).toBeDisabled();
  await expect(page.getByTestId('preflight')).toContainText('3 prerequisites still to tick');
  for (const box of await page.getByTestId('preflight').getByRole('checkbox').all()) {
    await box.click();
    await expect(box).toBeChecked();
  }
  await screenshot(page, 'preflight-en');
  await go.click();
  await expect(page.locator('.life').first()).toHaveText('Running');
  await expect(page.getByTestId('deadline')).toContainText(/Rollback decision in\s*1:59:\d\d|2:00:00/);

  // The next step comes up by itself; start it, finish it.
  const controls = page.getByTestId('step-controls');
  await expect(controls).toContainText('1.1 Announce the start');
  await controls.getByRole('button', { name: 'Start step' }).click();
  await expect(controls).toContainText('In progress');
  await expect(page.locator('[data-state="active"]')).toContainText('Announce the start');
  await controls.getByRole('button', { name: 'Done' }).click();
  await expect(controls).toContainText('Running version');
  // The navigator counts the phase's progress.
  await expect(
    page
      .getByRole('navigation', { name: 'Outline' })
      .getByRole('button', { name: /^Phase 1: Preparation\s*15 min · 1\/2$/ }),
  ).toBeVisible();

  // Skipping needs a reason.
  await controls.getByRole('button', { name: 'Skip…' }).click();
  await expect(controls.getByRole('button', { name: 'Record' })).toBeDisabled();
  await controls.getByLabel('Why skip it?').fill('version recorded by the deploy bot');
  await controls.getByRole('button', { name: 'Record' }).click();
  await expect(page.locator('[data-state="skipped"]')).toContainText('Running version');

  // Out of order needs a reason too; the refusal says why.
  await page
    .getByRole('navigation', { name: 'Outline' })
    .getByRole('button', { name: /API health/ })
    .click();
  await controls.getByRole('button', { name: 'Start step' }).click();
  await expect(page.locator('.banner-error')).toContainText('Steps before it are not done');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await screenshot(page, 'session-running-en');

  // Reload: the browser asks first (closing would end the terminals); then the session resumes exactly where it was.
  const asked = page.waitForEvent('dialog');
  await page.reload();
  expect((await asked).type()).toBe('beforeunload');
  await expect(page.locator('.life').first()).toHaveText('Running');
  await expect(page.locator('[data-state="done"]')).toContainText('Announce the start');
  await expect(page.locator('[data-state="skipped"]')).toContainText('Running version');

  // The 正常? gate and completion are not offered mid-run, where a mis-click would cost the night.
  await expect(page.getByRole('button', { name: 'Yes — start monitoring' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Complete the session' })).toHaveCount(0);

  // Roll back: a reason and a name are required.
  await page.getByRole('button', { name: 'Declare rollback' }).click();
  await page.getByLabel('Reason').fill('error rate 14% after the rollout');
  await page.getByRole('button', { name: 'Record' }).click();
  await expect(page.locator('.life').first()).toHaveText('ROLLBACK');
  await expect(controls).toContainText('Step 1: Roll the deployment back');
  await controls.getByRole('button', { name: 'Start step' }).click();
  await controls.getByRole('button', { name: 'Done' }).click();
  await screenshot(page, 'session-rollback-en');
  await page.getByRole('button', { name: 'Complete the session' }).click();
  await expect(page.locator('.session-bar')).toContainText('Rolled back');
  await page.getByTestId('sign-operator').getByLabel('Key passphrase').fill('night shift key');
  await page.getByRole('button', { name: 'Sign off as operator' }).click();
  await expect(page.locator('.session-bar')).toContainText('Signed off');

  // What the operator saw acknowledged is on disk, chained and verifiable without the app.
  const sessions = join(host.dataDir, 'sessions');
  const [id] = readdirSync(sessions);
  const out = execFileSync(process.execPath, [join(ROOT, 'bin/tejun.mjs'), 'journal', 'verify', join(sessions, id!)], {
    encoding: 'utf8',
  });
  expect(out).toContain('OK: the chain is intact.');
  expect(out).toMatch(/entries: 1\d verified/);
});

test('the Japanese session screen', async ({ page, host }) => {
  await startRelease(page, host, SAMPLE_JA, 'ja', '山田');
  await expect(page.locator('.life').first()).toHaveText('実施中');
  await page.getByTestId('step-controls').getByRole('button', { name: 'このステップを開始' }).click();
  await expect(page.getByTestId('step-controls')).toContainText('実施中');
  await expect(page.getByTestId('step-elapsed')).toContainText('目安');
  await expect(page.getByTestId('step-elapsed').getByRole('progressbar')).toBeVisible();
  await expect(page.getByTestId('deadline')).toContainText('切り戻し判断期限まで');
  await screenshot(page, 'session-running-ja');
  // インシデント opens the rollback question with this runbook's criteria first.
  await page.getByRole('button', { name: 'インシデント' }).click();
  const question = page.getByTestId('rollback-question');
  await expect(question).toContainText('作業者がインシデントを報告しました。');
  await expect(question).toContainText('APIが起動しない');
  await expect(question.getByLabel('判断者')).toHaveValue('山田');
  await screenshot(page, 'rollback-question-ja');
  await question.getByRole('button', { name: 'あとで' }).click();
  await expect(question).toHaveCount(0);
});

test('contacts and the escalation chain are in the navigator; the layout is remembered across a reload', async ({
  page,
  host,
}) => {
  await startRelease(page, host, SAMPLE_EN, 'en', 'Aiko');
  const contacts = page.getByRole('navigation', { name: 'Outline' }).getByTestId('contacts');
  await expect(contacts.getByTestId('escalation-level')).toHaveCount(3);
  await expect(contacts.getByTestId('escalation-level').first()).toContainText('within 1 min');
  await expect(contacts.getByTestId('escalation-level').first()).toContainText('Dana Reyes');
  // The terminal moves beside the procedure and grows by keyboard; both survive a reload.
  await page.getByTestId('terminal-placement').click();
  await expect(page.locator('.right-beside')).toBeVisible();
  const handle = page.getByRole('separator', { name: 'Terminal size' });
  await handle.focus();
  for (let i = 0; i < 5; i++) await handle.press('ArrowLeft');
  await expect(handle).toHaveAttribute('aria-valuenow', '46');
  await screenshot(page, 'layout-beside-en');
  await page.reload();
  await expect(page.locator('.right-beside')).toBeVisible();
  await expect(page.getByRole('separator', { name: 'Terminal size' })).toHaveAttribute('aria-valuenow', '46');
  // The Incident question shows whom to call, counting from when it opened.
  await page.getByRole('button', { name: /Incident/ }).click();
  const question = page.getByTestId('rollback-question');
  await expect(question.getByTestId('escalation-level').first()).toContainText(/by \d\d:\d\d/);
  await screenshot(page, 'rollback-question-contacts-en');
});
