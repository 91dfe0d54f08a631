// The night by keyboard alone (issue #16): page.keyboard only — no click, no focus(), no blur() — from
// the first screen to a completed rehearsal, in Japanese on seed 000 and in English on release-en.md.
// The page's state is read (what has the focus, what is on screen); it is never acted on but by keys.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, ROOT, SEEDS, STAGING_VARIABLES, test } from './fixtures';

const LABELS = {
  ja: {
    choose: 'ファイルを選択…',
    rehearse: 'オフラインでリハーサル',
    go: 'Go — リリース開始',
    running: '実施中',
    active: '実施中',
    gate: 'はい — 監視フェーズへ',
    complete: 'セッションを完了',
    success: '成功',
    continue: '続行',
    preflight: '事前確認を開始',
  },
  en: {
    choose: 'Choose a file…',
    rehearse: 'Rehearse offline',
    go: 'Go — start the release',
    running: 'Running',
    active: 'In progress',
    gate: 'Yes — start monitoring',
    complete: 'Complete the session',
    success: 'Success',
    continue: 'Continue',
    preflight: 'Start preflight',
  },
} as const;

interface Focused {
  tag: string;
  type: string;
  text: string;
  value: string;
  checked: boolean;
  disabled: boolean;
  varName: string;
  /** In the shell: Tab completes there, F6 leaves it. */
  terminal: boolean;
}

class Keys {
  count = 0;
  confirmed = 0;
  questions = 0;
  steps = 0;
  constructor(private page: Page) {}
  async press(key: string): Promise<void> {
    this.count++;
    await this.page.keyboard.press(key);
  }
  async type(text: string): Promise<void> {
    this.count += [...text].length;
    await this.page.keyboard.type(text);
  }
  focused(): Promise<Focused> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return {
        tag: el?.tagName ?? '',
        type: el?.type ?? '',
        text: (el?.textContent ?? '').trim(),
        value: el?.value ?? '',
        checked: !!el?.checked,
        disabled: !!el?.disabled,
        varName: el?.closest('label.var')?.querySelector('.var-name')?.firstChild?.textContent?.trim() ?? '',
        terminal: !!el?.closest('.xterm'),
      };
    });
  }
  /** Tab until the focused element satisfies `ok`; fails after `max` stops. */
  async tabTo(ok: (f: Focused) => boolean, max = 120): Promise<void> {
    for (let i = 0; i < max; i++) {
      const f = await this.focused();
      if (ok(f)) return;
      // Tab inside the shell goes to the shell (completion); F6 leaves it, as the operator would.
      await this.press(f.terminal ? 'F6' : 'Tab');
    }
    throw new Error(`no Tab stop matched within ${max} stops; at ${JSON.stringify(await this.focused())}`);
  }
}

async function night(page: Page, file: string, lang: 'ja' | 'en', name: string): Promise<Keys> {
  const l = LABELS[lang];
  const keys = new Keys(page);
  // The terminal does not take the focus; the skip link is the first Tab stop.
  await keys.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  // Before a runbook is open, the UI speaks the browser's language.
  await keys.tabTo((f) => f.text === LABELS.en.choose || f.text === LABELS.ja.choose);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), keys.press('Enter')]);
  await chooser.setFiles(file);
  // The focus comes to the operator's name.
  await expect(page.locator('.session-bar input').first()).toBeFocused();
  await keys.type(name);
  await keys.tabTo((f) => f.tag === 'SELECT');
  for (let i = 0; i < 3; i++) await keys.press('ArrowDown');
  await expect(page.getByTestId('rehearsal-speed')).toHaveValue('60');
  await keys.tabTo((f) => f.text === l.rehearse);
  await keys.press('Enter');
  await expect(page.getByRole('button', { name: l.preflight })).toBeFocused();
  await keys.press('Enter');
  // Preflight: the variables, every box, the decider (already the operator), Go.
  for (let guard = 0; guard < 200; guard++) {
    if (await page.locator('.life', { hasText: l.running }).first().isVisible()) break;
    const f = await keys.focused();
    if (f.tag === 'INPUT' && f.varName && !f.value && STAGING_VARIABLES[f.varName]) {
      await keys.type(STAGING_VARIABLES[f.varName]!);
      await keys.press('Enter');
    } else if (f.type === 'checkbox' && !f.checked) {
      await keys.press('Space');
      await expect.poll(async () => (await keys.focused()).checked).toBe(true);
    } else if (f.text === l.go && !f.disabled) {
      await keys.press('Enter');
      await expect(page.locator('.life').first()).toHaveText(l.running);
      break;
    }
    // Round the page once more past a Go that was not enabled yet; out of the shell with F6, never Tab.
    await keys.press(f.terminal ? 'F6' : 'Tab');
  }
  await walkSteps(page, keys, l);
  await expect(page.locator('.session-bar')).toContainText(l.success);
  return keys;
}

/** Answer a rollback question the ×60 clock raised: a reason, then Continue. */
async function answerQuestion(page: Page, keys: Keys, l: (typeof LABELS)['ja' | 'en']): Promise<boolean> {
  const q = page.getByTestId('rollback-question');
  if (!(await q.isVisible())) return false;
  await expect(q.getByRole('textbox').first()).toBeFocused();
  await keys.type('rehearsal');
  await keys.tabTo((f) => f.text === l.continue && !f.disabled, 20);
  await keys.press('Enter');
  await expect(q).toHaveCount(0);
  keys.questions++;
  return true;
}

/** Wait for `done`, answering rollback questions the clock raises meanwhile. */
async function until(
  page: Page,
  keys: Keys,
  l: (typeof LABELS)['ja' | 'en'],
  done: () => Promise<boolean>,
): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await done()) return;
    if (!(await answerQuestion(page, keys, l))) await page.waitForTimeout(100);
  }
  throw new Error('timed out');
}

/** F6 until `target` has the focus (the focus may already be there: it follows the next action). */
async function f6To(keys: Keys, target: import('@playwright/test').Locator): Promise<void> {
  for (let i = 0; i < 5; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await keys.press('F6');
  }
  await expect(target).toBeFocused();
}

async function walkSteps(page: Page, keys: Keys, l: (typeof LABELS)['ja' | 'en']): Promise<void> {
  const controls = page.getByTestId('step-controls');
  const gate = page.getByRole('button', { name: l.gate });
  const complete = page.getByRole('button', { name: l.complete });
  for (let guard = 0; guard < 80; guard++) {
    await answerQuestion(page, keys, l);
    if (await gate.isVisible()) {
      await f6To(keys, gate);
      await keys.press('Enter');
      await expect(gate).toHaveCount(0);
      continue;
    }
    if (!(await controls.isVisible())) break;
    const title = (await controls.locator('.step-controls-head strong').textContent()) ?? '';
    await keys.press('Alt+Enter');
    await until(page, keys, l, async () => (await controls.locator('.step-state').textContent()) === l.active);
    const commands = controls.locator('.command');
    const n = await commands.count();
    expect(n, title).toBeLessThanOrEqual(9);
    for (let i = 0; i < n; i++) {
      await keys.press(`Alt+${i + 1}`);
      const confirm = page.getByTestId('confirm-run');
      await until(
        page,
        keys,
        l,
        async () => (await confirm.isVisible()) || (await commands.nth(i).getByTestId('run-result').isVisible()),
      );
      if (await confirm.isVisible()) {
        await expect(confirm.getByRole('button').first()).toBeFocused();
        await keys.press('Enter');
        keys.confirmed++;
      }
      await until(page, keys, l, () => commands.nth(i).getByTestId('run-result').isVisible());
    }
    await keys.press('Alt+Enter');
    keys.steps++;
    await until(
      page,
      keys,
      l,
      async () =>
        (await controls
          .locator('.step-controls-head strong')
          .textContent({ timeout: 300 })
          .catch(() => '(none)')) !== title,
    );
  }
  // The last step done: the session's completion is the header's next action.
  await f6To(keys, complete);
  await keys.press('Enter');
}

test('seed 000 rehearsed at ×60 from the first screen to a completed session, by keyboard alone (Japanese)', async ({
  page,
  host,
}) => {
  test.setTimeout(420_000);
  await page.goto(host.url);
  const k = await night(page, join(SEEDS, '000_8597f5dc98a4b98d.txt'), 'ja', '山田');
  console.log(
    `keyboard-only night, seed 000 (ja): ${k.count} keys, ${k.steps} steps, ${k.confirmed} confirmed with Enter, ` +
      `${k.questions} rollback questions answered`,
  );
  expect(k.steps).toBeGreaterThanOrEqual(30);
  expect(k.confirmed).toBeGreaterThan(0);
});

test('release-en.md rehearsed at ×60 by keyboard alone (English)', async ({ page, host }) => {
  test.setTimeout(300_000);
  await page.goto(host.url);
  const k = await night(page, join(ROOT, 'runbooks', 'release-en.md'), 'en', 'Aiko');
  console.log(
    `keyboard-only night, release-en.md (en): ${k.count} keys, ${k.steps} steps, ${k.confirmed} confirmed with Enter, ` +
      `${k.questions} rollback questions answered`,
  );
  expect(k.steps).toBeGreaterThan(3);
});
