// The embedded terminal as the release happens in it: a step's command is run by id, its output and
// exit code come back on the step with the verdict; floods stay under control.
import { join } from 'node:path';
import { expect, ROOT, screenshot, startHost, startRelease, stopHost, test, type Host } from './fixtures';
import type { Page } from '@playwright/test';

const RUNBOOK = join(ROOT, 'runbooks', 'terminal-check-en.md');

async function startSession(page: Page, host: Host): Promise<void> {
  await startRelease(page, host, RUNBOOK, 'en', 'Aiko');
  await expect(page.getByTestId('terminal-status')).toContainText('shell integration: active');
}

test('Run a step’s command: exit code, captured output and a match on the step; the value goes into the blank', async ({
  page,
  host,
}) => {
  await startSession(page, host);
  const controls = page.getByTestId('step-controls');
  await expect(controls).toContainText('1.1 [Before] The shell answers');
  await controls.getByRole('button', { name: 'Start step' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(controls.getByTestId('run-result')).toContainText('exit 0');
  await expect(controls.getByTestId('run-result')).toContainText('matches the expected value');
  await controls.locator('summary', { hasText: 'Output' }).click();
  await expect(controls.getByTestId('run-output')).toHaveText('status: ok');
  // One click puts the captured output into the blank; it is saved to the journal.
  await controls.getByRole('button', { name: '← output' }).click();
  await expect(controls.locator('input[data-field-id]')).toHaveValue('status: ok');
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText('status: ok');
  await screenshot(page, 'terminal-run-match-en');
});

test('a failing change asks for confirmation, shows the mismatch and raises the decision', async ({ page, host }) => {
  await startSession(page, host);
  const controls = page.getByTestId('step-controls');
  await page
    .getByRole('navigation', { name: 'Outline' })
    .getByRole('button', { name: /A change that fails/ })
    .click();
  await controls.getByRole('button', { name: /Start out of order/ }).click();
  await controls.getByLabel('Why out of order?').fill('demo');
  await controls.getByRole('button', { name: 'Record' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  // The confirmation is a dialog with the command in full and the focus on its confirm button: Enter runs it.
  const confirm = page.getByRole('alertdialog', { name: 'Confirm before running' });
  await expect(confirm).toContainText('This is a change step: it changes production.');
  await expect(confirm.getByRole('button', { name: 'Run it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(controls.getByTestId('run-result')).toContainText('exit 1');
  await expect(controls.getByTestId('run-result')).toContainText('does not match');
  await expect(controls.getByTestId('run-output')).toContainText('disk full');
  await expect(page.getByTestId('attention')).toContainText('A check failed: exit code 1');
  // The rollback question opens by itself, with the runbook's criteria and the facts.
  const question = page.getByTestId('rollback-question');
  await expect(question).toContainText('A check failed: exit code 1');
  await expect(question).toContainText('Any check fails');
  await expect(question).toContainText('Error rate above 10× normal');
  await screenshot(page, 'rollback-question-en');
  await expect(question.getByRole('button', { name: 'Roll back now' })).toBeDisabled();
  await question.getByLabel('Reason').fill('the change failed: disk full');
  await question.getByRole('button', { name: 'Roll back now' }).click();
  await expect(question).toHaveCount(0);
  await expect(page.locator('.life').first()).toHaveText('ROLLBACK');
  await expect(controls).toContainText('Step 1: Undo');
  await screenshot(page, 'terminal-run-mismatch-en');
});

test('Go waits for the variables the commands need; Paste with one emptied again is refused naming it; the command then runs with the value', async ({
  page,
  host,
}) => {
  // No variables given: the helper stops short of Go, so this test can look at the refusal.
  await startRelease(page, host, RUNBOOK, 'en', 'Aiko', {});
  const missing = page.getByTestId('missing-variables');
  await expect(missing).toContainText('Fill in before Go: DB_HOST');
  await expect(page.getByRole('button', { name: 'Go — start the release' })).toBeDisabled();
  await screenshot(page, 'preflight-missing-variables-en');
  await page.getByRole('textbox', { name: 'DB_HOST' }).fill('db.staging.internal');
  await page.getByRole('textbox', { name: 'DB_HOST' }).press('Enter');
  await expect(missing).toHaveCount(0);
  await page.getByRole('button', { name: 'Go — start the release' }).click();
  const controls = page.getByTestId('step-controls');
  await page
    .getByRole('navigation', { name: 'Outline' })
    .getByRole('button', { name: /Connect to the database/ })
    .click();
  // Emptied again during the night: Paste is refused, naming the placeholder; nothing reaches the shell.
  await page.getByRole('button', { name: /Variables/ }).click();
  await page.getByRole('textbox', { name: 'DB_HOST' }).fill('');
  await page.getByRole('textbox', { name: 'DB_HOST' }).press('Enter');
  await controls.getByRole('button', { name: 'Paste', exact: true }).click();
  await expect(page.locator('.banner-error[data-code="UNRESOLVED_PLACEHOLDERS"]')).toContainText(
    'Fill in "DB_HOST" first',
  );
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).not.toContainText('connecting to');
  await page.getByRole('textbox', { name: 'DB_HOST' }).fill('db.staging.internal');
  await page.getByRole('textbox', { name: 'DB_HOST' }).press('Enter');
  await controls.getByRole('button', { name: 'Start out of order…' }).click();
  await controls.getByLabel('Why out of order?').fill('demo');
  await controls.getByRole('button', { name: 'Record' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText('connecting to db.staging.internal');
  await expect(controls.getByTestId('run-result')).toContainText('does not match');
});

test('a `yes` flood for 10 s, then Ctrl+C, leaves the terminal usable', async ({ page, host }) => {
  test.setTimeout(60_000);
  await startSession(page, host);
  const terminal = page.getByTestId('terminal');
  await terminal.click();
  await page.keyboard.type('yes tejun-flood');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(10_000);
  await page.keyboard.press('Control+C');
  await page.keyboard.type('echo after-$((40+2))');
  await page.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows')).toContainText('after-42', { timeout: 15_000 });
  // The page stayed responsive throughout: the header clock still ticks (its seconds move).
  const deadline = page.getByTestId('deadline');
  await expect(deadline).toBeVisible();
  const before = await deadline.textContent();
  await expect.poll(() => deadline.textContent(), { timeout: 10_000 }).not.toBe(before);
});

test('the terminal draws with WebGL where a GPU does it, else with the DOM', async ({ browser }) => {
  const host = await startHost([], {});
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('runbook-file-input').setInputFiles(RUNBOOK);
    await expect(page.getByTestId('terminal-status')).toContainText('shell integration: active');
    const canvases = await page.getByTestId('terminal').locator('canvas').count();
    const rows = await page.getByTestId('terminal').locator('.xterm-rows').count();
    // WebGL draws on canvases; without WebGL, xterm keeps its DOM rows. Either way the terminal works.
    expect(canvases > 0 || rows > 0).toBe(true);
    await screenshot(page, `terminal-${canvases > 0 ? 'webgl' : 'dom'}-en`);
  } finally {
    await stopHost(host);
  }
});

test('a value typed into a blank survives a reload, even before it was saved', async ({ page, host }) => {
  await startSession(page, host);
  const controls = page.getByTestId('step-controls');
  await controls.getByRole('button', { name: 'Start step' }).click();
  const field = controls.locator('input[data-field-id]');
  await field.pressSequentially('typed at 02:13', { delay: 5 });
  await page.reload();
  await expect(page.getByTestId('step-controls').locator('input[data-field-id]')).toHaveValue('typed at 02:13');
  // And it reaches the journal by itself once the page is back.
  await expect
    .poll(
      async () =>
        await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tejun:draft:')).length),
    )
    .toBe(0);
});

test('the keyboard: Alt+Enter starts and finishes steps, Alt+R runs, Alt+↓ moves on, ? shows the sheet', async ({
  page,
  host,
}) => {
  await startSession(page, host);
  const controls = page.getByTestId('step-controls');
  await page.getByTestId('terminal').click();
  await page.keyboard.press('Alt+Enter');
  await expect(controls.locator('.step-state')).toHaveText('In progress');
  await page.keyboard.press('Alt+r');
  await expect(controls.getByTestId('run-result')).toContainText('exit 0');
  await page.keyboard.press('Alt+Enter');
  await expect(controls).toContainText('1.2 [Change] A change that fails');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(controls).toContainText('1.3 [After] Connect to the database');
  // The shell saw none of these keys.
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).not.toContainText('^[');
  await page.locator('.outline').click();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Alt+Enter');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
});

test('no keyboard trap: the terminal never takes the focus by itself, F6 leaves it, Alt+R on a change asks first', async ({
  page,
  host,
}) => {
  await startSession(page, host);
  const controls = page.getByTestId('step-controls');
  const shell = page.locator('.xterm-helper-textarea');
  // After Go the focus is on the step's primary action, not in the shell.
  await expect(controls.getByRole('button', { name: 'Start step' })).toBeFocused();
  await expect(shell).not.toBeFocused();
  await page.getByTestId('terminal').click();
  await expect(shell).toBeFocused();
  // F6 from inside the shell: the header; Shift+F6 back into the shell; F6 ×3: the step card.
  await page.keyboard.press('F6');
  await expect(page.locator('[data-region="header"] :focus')).toHaveCount(1);
  await page.keyboard.press('Shift+F6');
  await expect(shell).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('F6');
  await expect(controls.getByRole('button', { name: 'Start step' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(controls.getByRole('button', { name: 'Done', exact: true })).toBeFocused();
  await page.keyboard.press('Alt+Enter');
  await expect(controls).toContainText('1.2 [Change] A change that fails');
  await page.keyboard.press('Alt+Enter');
  await expect(controls.locator('.step-state')).toHaveText('In progress');
  // Alt+R on a change step: the confirmation, the command in full, the focus on its button; Escape cancels.
  await page.keyboard.press('Alt+r');
  const confirm = page.getByRole('alertdialog', { name: 'Confirm before running' });
  await expect(confirm.getByRole('button', { name: 'Run it' })).toBeFocused();
  await expect(confirm.locator('pre')).toHaveText(
    (await controls.locator('.command-text').first().textContent()) ?? '',
  );
  await screenshot(page, 'confirm-run-en');
  // Tab stays inside; Alt+R again does not confirm it.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Run it' })).toBeFocused();
  await page.keyboard.press('Alt+r');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(controls.getByTestId('run-result')).toHaveCount(0);
  // The focus is back where it was.
  await expect(controls.getByRole('button', { name: 'Done', exact: true })).toBeFocused();
  // The shell saw none of these keys.
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).not.toContainText('^[');
});
