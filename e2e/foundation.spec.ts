// The foundation slice, as an operator meets it: open a runbook, see its outline, use the terminal.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, ROOT, screenshot, startHost, stopHost, test } from './fixtures';

const SAMPLE_JA = join(ROOT, 'runbooks', 'release-ja.md');
const SAMPLE_EN = join(ROOT, 'runbooks', 'release-en.md');

test('opens a sample runbook from the picker, shows its outline, and runs a command in a real shell', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await expect(page.getByRole('button', { name: /Choose a file|ファイルを選択/ })).toBeVisible();
  // The token left the address bar (for this tab's sessionStorage, never a cookie).
  expect(page.url()).not.toContain('token=');

  await page.getByTestId('runbook-file-input').setInputFiles(SAMPLE_EN);
  await expect(page.locator('.runbook-title')).toHaveText('Payments Service Release Procedure');
  const outline = page.getByRole('navigation', { name: 'Outline' });
  // The navigator shows what tejun understood: phases with budgets, steps with their kind, the rollback.
  await expect(outline.getByRole('button', { name: /^Phase 1: Preparation\s*15 min · 2 steps$/ })).toBeVisible();
  await expect(outline.getByRole('button', { name: /^Before\s*Running version$/ })).toBeVisible();
  await expect(outline.getByRole('button', { name: /^Rollback\s*decide within 120 min$/ })).toBeVisible();

  // Clicking a step or a troubleshooting entry brings it into view in the document.
  await outline.getByRole('button', { name: /Pods are running/ }).click();
  await expect(page.locator('.markdown h4', { hasText: '[After] Pods are running' })).toBeInViewport();
  await outline.getByRole('button', { name: 'pods do not start' }).click();
  await expect(page.locator('.markdown h4', { hasText: 'Problem: pods do not start' })).toBeInViewport();

  const terminal = page.getByTestId('terminal');
  await expect(page.getByTestId('terminal-status')).toHaveText(/shell integration: active|シェル連携: 有効/);
  await terminal.click();
  await page.keyboard.type('echo tejun-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows')).toContainText('tejun-42');
  await screenshot(page, 'main-en');
});

test('shows the Japanese UI for a Japanese runbook and switches language on request', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('runbook-file-input').setInputFiles(SAMPLE_JA);
  await expect(page.locator('.runbook-title')).toHaveText('注文APIリリース手順書');
  const outline = page.getByRole('navigation', { name: '目次' });
  await expect(outline.getByRole('button', { name: /^フェーズ1: 準備\s*20分 · 2 ステップ$/ })).toBeVisible();
  await expect(outline.getByRole('button', { name: /^変化前\s*稼働中バージョンの確認$/ })).toBeVisible();
  await expect(outline.getByRole('button', { name: /^切り戻し\s*判断期限 120分$/ })).toBeVisible();
  // YAML front matter is metadata, not a heading.
  await expect(outline.getByRole('button', { name: /title:/ })).toHaveCount(0);
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText(/\$|#/);
  await screenshot(page, 'main-ja');

  await page.getByLabel('言語').selectOption('en');
  await expect(page.getByRole('navigation', { name: 'Outline' })).toBeVisible();
  await page.getByLabel('Language').selectOption('auto');
  await expect(page.getByRole('navigation', { name: '目次' })).toBeVisible();
});

test('the picker screen, in both languages', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByLabel(/Language|言語/).selectOption('ja');
  await expect(page.getByRole('heading', { name: '手順書を開く' })).toBeVisible();
  await screenshot(page, 'picker-ja');
  await page.getByLabel('言語').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Open a runbook' })).toBeVisible();
  await screenshot(page, 'picker-en');
  await page.getByLabel('Language').selectOption('auto');
});

test('a binary file is refused with a message that names it, and the screen stays usable', async ({ page, host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-bad-'));
  const bin = join(dir, 'photo.md');
  writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
  await page.goto(host.url);
  await page.getByTestId('runbook-file-input').setInputFiles(bin);
  const alert = page.locator('.banner-error[data-code="RUNBOOK_BINARY"]');
  await expect(alert).toContainText('photo.md');
  await expect(alert).toContainText('binary');
  await page.getByRole('button', { name: /Dismiss|閉じる/ }).click();
  await expect(alert).toHaveCount(0);
  await page.getByTestId('runbook-file-input').setInputFiles(SAMPLE_EN);
  await expect(page.locator('.runbook-title')).toHaveText('Payments Service Release Procedure');
});

test('a hostile runbook executes nothing', async ({ page, host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-hostile-'));
  const file = join(dir, 'hostile.md');
  writeFileSync(
    file,
    [
      '# Hostile',
      '',
      '<script>window.__pwned = 1</script>',
      '',
      '<img src=x onerror="window.__pwned = 2">',
      '',
      '[click](javascript:window.__pwned=3)',
      '',
      // A diagram with a click callback and HTML in a label: drawn, but strict mode runs neither.
      '```mermaid',
      'flowchart TD',
      '  A["<img src=x onerror=window.__pwned=4>start"] --> B{ok?}',
      '  click A call alert(5)',
      '  B -->|yes| C[done]',
      '```',
      '',
      '## Step',
    ].join('\n'),
  );
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(host.url);
  await page.getByTestId('runbook-file-input').setInputFiles(file);
  await expect(page.locator('.runbook-title')).toHaveText('Hostile');
  await page.locator('.markdown').getByText(/click/).first().click();
  await expect(page.locator('.markdown a[href^="javascript"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('.markdown script, .markdown img[onerror]')).toHaveCount(0);
  await expect(page.getByTestId('mermaid-diagram')).toHaveCount(1);
  await expect(page.getByTestId('mermaid-diagram').locator('svg')).toContainText('done');
  await page.getByTestId('mermaid-diagram').locator('svg').click();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('--runbook opens that file at start, and the terminal is killed when the page goes away', async ({ browser }) => {
  const host = await startHost(['--runbook', SAMPLE_JA]);
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    await expect(page.locator('.runbook-title')).toHaveText('注文APIリリース手順書');
    await expect(page.getByTestId('terminal-status')).toHaveText(/shell integration: active|シェル連携: 有効/);
    await page.close();
    await expect.poll(() => host.output(), { timeout: 10_000 }).toContain('its terminals were closed');
  } finally {
    await stopHost(host);
  }
});
