// Shells outlive their window, the rest of it: a session left with a command still running is listed
// on the start screen (what runs, which step) once nobody came back within the grace period, and is
// reattached from there by keyboard, the step still getting its exit code; a second window of the
// same session shows the same shell and takes its keyboard, the first says so and can take it back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test as base } from '@playwright/test';
import { expect, screenshot, startHost, startRelease, stopHost, type Host } from './fixtures';

const test = base.extend<{ lang: 'en' | 'ja'; host: Host }>({
  lang: ['en', { option: true }],
  // A short grace period, so that the start screen lists a shell within the test; the start screen in the language.
  host: async ({ lang }, use) => {
    const settings = { terminalRenderer: 'dom', language: lang };
    const host = await startHost([], settings, 'serve', { TEJUN_DETACHED_GRACE_MS: '500' });
    await use(host);
    await stopHost(host);
  },
});

const RUNBOOKS = {
  en: `---
title: Long command check
version: v1
---

# Long command check

## Phase 1: Wait (5 min)

### 1.1 [Before] A check that outlives the window

**Estimate**: 1 min

\`\`\`bash
sleep 15; echo "surv""ived"
\`\`\`

**Expected**: \`survived\`
**Actual**: \`______\`

- [ ] Waited
`,
  ja: `---
title: リストア確認
version: v1
---

# リストア確認

## フェーズ1: リストア（5分）

### 1.1 【変化前】時間のかかるリストア

**所要時間**: 1分

\`\`\`bash
sleep 15; echo "surv""ived"
\`\`\`

**期待値**: \`survived\`
**実際の値**: \`______\`

- [ ] 待った
`,
};

const WORDS = {
  en: {
    leave: 'Leave session',
    open: 'Open the session',
    typeHere: 'Type here instead',
    exit: 'exit 0',
    start: 'Start step',
    run: 'Run',
    step: 'A check that outlives the window',
  },
  ja: {
    leave: 'セッションを離れる',
    open: 'セッションを開く',
    typeHere: 'こちらで入力する',
    exit: '終了コード 0',
    start: 'このステップを開始',
    run: '実行',
    step: '時間のかかるリストア',
  },
};

function runbookFile(lang: 'en' | 'ja'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tejun-shells-')), `restore-${lang}.md`);
  writeFileSync(file, RUNBOOKS[lang]);
  return file;
}

async function terminalId(page: Page): Promise<string> {
  const terminal = page.getByTestId('terminal');
  await expect(terminal).toHaveAttribute('data-terminal-id', /t\d+/);
  return (await terminal.getAttribute('data-terminal-id'))!;
}

for (const lang of ['en', 'ja'] as const) {
  test.describe(lang, () => {
    test.use({ lang });
    test(`the start screen lists a shell nobody came back to; Enter reattaches it (${lang})`, async ({
      page,
      host,
    }) => {
      await startRelease(page, host, runbookFile(lang), lang, lang === 'ja' ? '佐藤' : 'Aiko');
      const id = await terminalId(page);
      await expect(page.getByTestId('terminal-status')).toHaveClass(/integration-active/);
      const controls = page.getByTestId('step-controls');
      await controls.getByRole('button', { name: WORDS[lang].start }).click();
      await controls.getByRole('button', { name: WORDS[lang].run, exact: true }).click();
      await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText('sleep 15');
      await page.getByRole('button', { name: WORDS[lang].leave }).click();

      const waiting = page.getByTestId('waiting-shells');
      await expect(waiting).toBeVisible({ timeout: 10_000 });
      const row = waiting.locator(`[data-terminal-id="${id}"]`);
      await expect(row).toContainText('sleep');
      await expect(row).toContainText(WORDS[lang].step);
      await screenshot(page, `shells-waiting-${lang}`);

      await row.getByRole('button', { name: WORDS[lang].open }).focus();
      await page.keyboard.press('Enter');
      const terminal = page.getByTestId('terminal');
      await expect(terminal).toHaveAttribute('data-terminal-id', id);
      await expect(terminal.locator('.xterm-rows')).toContainText('survived', { timeout: 20_000 });
      await expect(page.getByTestId('run-result')).toContainText(WORDS[lang].exit, { timeout: 20_000 });
    });

    test(`a second window shows the same shell and types; the first takes it back (${lang})`, async ({
      page,
      host,
      context,
    }) => {
      await startRelease(page, host, runbookFile(lang), lang, lang === 'ja' ? '佐藤' : 'Aiko');
      const id = await terminalId(page);
      const second = await context.newPage();
      await second.goto(host.url);
      expect(await terminalId(second)).toBe(id);
      // The first window is told that it only watches now.
      const watching = page.getByTestId('terminal-watching');
      await expect(watching).toBeVisible();
      await second.getByTestId('terminal').click();
      await second.keyboard.type('echo from-$((40+2))-second');
      await second.keyboard.press('Enter');
      await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText('from-42-second');
      await expect(second.getByTestId('terminal').locator('.xterm-rows')).toContainText('from-42-second');
      await screenshot(page, `shells-second-window-${lang}`);

      await watching.getByRole('button', { name: WORDS[lang].typeHere }).focus();
      await page.keyboard.press('Enter');
      await expect(watching).toHaveCount(0);
      await expect(second.getByTestId('terminal-watching')).toBeVisible();
      await page.keyboard.type('echo from-$((40+3))-first');
      await page.keyboard.press('Enter');
      await expect(second.getByTestId('terminal').locator('.xterm-rows')).toContainText('from-43-first');
      await screenshot(second, `shells-second-window-watching-${lang}`);
    });
  });
}
