// Procedures written the way teams write them (runbooks/corpus): each opens as a walkable procedure, its first
// command runs in the real terminal, the card says what tejun guessed, and a role corrected there survives a reload.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, ROOT, screenshot, STAGING_VARIABLES, startRelease, test } from './fixtures';

const CORPUS = join(ROOT, 'runbooks', 'corpus');
const L = {
  en: {
    start: 'Start step',
    done: 'Done',
    run: 'Run',
    is: 'This block is',
    guessOutput: 'Guessed: this block looks like output',
    set: 'Set by you',
  },
  ja: {
    start: 'このステップを開始',
    done: '完了',
    run: '実行',
    is: 'このブロックは',
    guessOutput: '推定: 上のコマンドの出力',
  },
} as const;
const VARS = { ...STAGING_VARIABLES, TARGET_RELEASE: '19.2.1' };

/** Walk to the first step that has a command and start it. */
async function firstCommandStep(page: Page, lang: 'en' | 'ja') {
  const controls = page.getByTestId('step-controls');
  for (let i = 0; i < 8 && (await controls.locator('.command').count()) === 0; i++) {
    await controls.getByRole('button', { name: L[lang].start }).click();
    await controls.getByRole('button', { name: L[lang].done }).click();
  }
  await controls.getByRole('button', { name: L[lang].start }).click();
  return controls;
}

const SHAPES = [
  {
    file: 'ja-pg-major-upgrade.md',
    lang: 'ja',
    shape: 'ja ### 1. guide, untagged fences',
    mark: '推定: 内容からコマンド',
  },
  { file: 'en-objectstore-upgrade-steps.md', lang: 'en', shape: 'Step N, bare console', mark: 'Guessed: read as a' },
  { file: 'en-compose-upgrade-alerts.md', lang: 'en', shape: 'list, inline commands', mark: 'Guessed: taken from the' },
] as const;

for (const s of SHAPES) {
  test(`${s.shape} (${s.file}): opens, its first command runs in the terminal`, async ({ page, host }) => {
    await startRelease(page, host, join(CORPUS, s.file), s.lang, 'Aiko', VARS);
    const controls = await firstCommandStep(page, s.lang);
    const cmd = controls.locator('.command').first();
    await expect(cmd.getByTestId('block-inferred').first()).toContainText(s.mark);
    if (s.lang === 'ja') {
      await expect(cmd.getByTestId('block-inferred').last()).toContainText(L.ja.guessOutput);
      await cmd.locator('[data-block-id]').last().scrollIntoViewIfNeeded();
      await screenshot(page, 'real-procedures-card-ja');
    }
    await cmd.getByRole('button', { name: L[s.lang].run, exact: true }).click();
    const confirm = page.getByTestId('confirm-run');
    await expect(confirm.or(cmd.getByTestId('run-result'))).toBeVisible({ timeout: 20_000 });
    if (await confirm.isVisible()) await confirm.getByRole('button').first().click();
    // The shell ran it and said how it ended (these tools are not installed here: the exit code shows that).
    await expect(cmd.getByTestId('run-result')).toContainText(/exit \d+|終了コード/, { timeout: 20_000 });
  });
}

test('a block corrected on the card stays corrected after a reload', async ({ page, host }) => {
  await startRelease(page, host, join(CORPUS, 'en-objectstore-upgrade-steps.md'), 'en', 'Aiko', VARS);
  const controls = await firstCommandStep(page, 'en');
  const commands = controls.locator('.command');
  const before = await commands.count();
  const first = commands.first();
  // The output block under the first command was guessed: the card says so, with the control next to it.
  await expect(first.getByTestId('block-inferred').last()).toContainText(L.en.guessOutput);
  const outputBlock = first.locator('[data-block-id]').last();
  await outputBlock.scrollIntoViewIfNeeded();
  await screenshot(page, 'real-procedures-card-en');
  const blockId = await outputBlock.getAttribute('data-block-id');
  await outputBlock.getByLabel(L.en.is).focus();
  await outputBlock.getByLabel(L.en.is).selectOption('command');
  await expect(commands).toHaveCount(before + 1);
  const corrected = controls.locator(`[data-block-id="${blockId}"]`);
  await expect(corrected.getByLabel(L.en.is)).toHaveValue('command');
  await expect(controls.getByTestId('block-corrected')).toContainText(L.en.set);
  await screenshot(page, 'real-procedures-corrected-en');

  await page.reload();
  await expect(page.locator('.life').first()).toHaveText('Running');
  await expect(commands).toHaveCount(before + 1);
  await expect(controls.locator(`[data-block-id="${blockId}"]`).getByLabel(L.en.is)).toHaveValue('command');
  await expect(controls.getByTestId('block-corrected')).toContainText(L.en.set);
});
