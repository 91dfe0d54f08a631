// Commands are shown and pasted exactly as they run: a runbook whose commands hide `touch MARKER` behind
// ESC[201~ (ends a bracketed paste), a bidi override, or 30 blank lines. Lint names each, the card shows
// them, Paste and Run refuse the first two in core, and the marker file is never created.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, ROOT, screenshot, startRelease, test, type Host } from './fixtures';

const WORDS = {
  en: {
    title: 'Hidden commands drill',
    phase: 'Phase 1: Checks (5 min)',
    est: '**Estimate**: 1 min',
    rb: '## Rollback procedure\n\n### Rollback criteria\n\n- Any check fails\n\n**Time limit**: 1 hour\n',
    steps: [
      '1.1 [Before] Paste ends early',
      '1.2 [Before] Check the disk',
      '1.3 [Before] Far below',
      '1.4 [Before] Long',
    ],
  },
  ja: {
    title: '隠しコマンドの確認手順',
    phase: 'フェーズ1: 確認 (5分)',
    est: '**所要時間**: 1分',
    rb: '## 切り戻し手順\n\n### 切り戻し判断基準\n\n- 確認が失敗した\n\n**制限時間**: 1時間\n',
    steps: [
      '1.1 【変化前】貼り付けが途中で終わる',
      '1.2 【変化前】ディスク確認',
      '1.3 【変化前】ずっと下に',
      '1.4 【変化前】長いコマンド',
    ],
  },
} as const;

function hostileRunbook(lang: 'en' | 'ja', marker: string): string {
  const w = WORDS[lang];
  const commands = [
    `echo ready\x1b[201~\ntouch ${marker}`,
    `: \u202e\u2066; touch ${marker}; : \u2069 \u2066# check disk: echo ok\u2069\u202c`,
    `echo ok${'\n'.repeat(31)}touch ${marker}`,
    Array.from({ length: 40 }, (_, i) => `echo line-${i + 1}`).join('\n'),
  ];
  const steps = w.steps.map((s, i) => `### ${s}\n\n${w.est}\n\n\`\`\`bash\n${commands[i]}\n\`\`\`\n`).join('\n');
  return `---\ntitle: ${w.title}\n---\n\n# ${w.title}\n\n## ${w.phase}\n\n${steps}\n${w.rb}`;
}

function lint(file: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/tejun.mjs'), 'lint', file], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

const L = {
  en: {
    start: 'Start step',
    paste: 'Paste',
    run: 'Run',
    done: 'Done',
    dismiss: 'Dismiss',
    esc: 'ESC (\\x1b) at line',
    moreLines: 'This command has 40 lines; 28 are not shown yet',
    bidi: 'RIGHT-TO-LEFT OVERRIDE (\\u202e) at line',
    blanks: '30 blank lines',
    more: 'do not show',
  },
  ja: {
    start: 'このステップを開始',
    paste: '貼り付け',
    run: '実行',
    done: '完了',
    dismiss: '閉じる',
    esc: 'ESC（\\x1b、',
    moreLines: '全40行、うち28行はまだ表示していません',
    bidi: 'RIGHT-TO-LEFT OVERRIDE（\\u202e、',
    blanks: '空行 30 行',
    more: '見えない文字',
  },
} as const;

async function refused(page: Page, lang: 'en' | 'ja', named: string, shot?: string): Promise<void> {
  const l = L[lang];
  const controls = page.getByTestId('step-controls');
  for (const button of [l.paste, l.run]) {
    await controls.getByRole('button', { name: button, exact: true }).click();
    const banner = page.locator('.banner-error[data-code="COMMAND_HIDDEN_CHARACTERS"]');
    await expect(banner).toContainText(named);
    if (shot && button === l.run) await screenshot(page, shot);
    await banner.getByRole('button').click();
    await expect(banner).toHaveCount(0);
  }
}

for (const lang of ['en', 'ja'] as const) {
  const name = `hidden commands (${lang}): lint names each, the card shows them, Paste and Run refuse, nothing runs`;
  test(name, async ({ page, host }: { page: Page; host: Host }) => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-hidden-e2e-'));
    const marker = join(dir, 'MARKER');
    const file = join(dir, `hidden-${lang}.md`);
    writeFileSync(file, hostileRunbook(lang, marker));
    const l = L[lang];

    const linted = lint(file);
    expect(linted.code).toBe(1);
    expect(linted.out).toMatch(/:14:\d+\s+error\s+command-hidden-characters .*ESC/);
    expect(linted.out).toMatch(/error\s+command-hidden-characters .*RIGHT-TO-LEFT OVERRIDE/);
    expect(linted.out).toMatch(/warning\s+command-blank-lines .*(30 blank lines|空行が30行)/);
    expect(linted.out).not.toContain('\x1b');

    await startRelease(page, host, file, lang, lang === 'ja' ? '山田' : 'Aiko', {});
    await expect(page.getByTestId('terminal-status')).toContainText(/shell integration: active|シェル連携: 有効/);
    const controls = page.getByTestId('step-controls');

    await controls.getByRole('button', { name: l.start }).click();
    const escCard = controls.locator('.command').first();
    await expect(escCard.getByTestId('hidden-char')).toHaveText(['\\x1b']);
    await expect(escCard.getByTestId('hidden-chars-warning')).toContainText(l.more);
    await expect(escCard.locator('.command-text')).toContainText(`touch ${marker}`);
    await screenshot(page, `hidden-esc-card-${lang}`);
    await refused(page, lang, l.esc);
    await controls.getByRole('button', { name: l.done, exact: true }).click();

    await controls.getByRole('button', { name: l.start }).click();
    const bidiCard = controls.locator('.command').first();
    const marks = ['\\u202e', '\\u2066', '\\u2069', '\\u2066', '\\u2069', '\\u202c'];
    await expect(bidiCard.getByTestId('hidden-char')).toHaveText(marks);
    // The runbook as a document marks them too, instead of showing the reordered `: # check disk` line.
    await expect(page.locator('.markdown pre .hidden-char').filter({ hasText: '\\u202e' })).toHaveCount(1);
    await screenshot(page, `hidden-bidi-card-${lang}`);
    await refused(page, lang, l.bidi, `hidden-bidi-refused-${lang}`);
    await controls.getByRole('button', { name: l.done, exact: true }).click();

    await controls.getByRole('button', { name: l.start }).click();
    const gapCard = controls.locator('.command').first();
    await expect(gapCard.getByTestId('blank-lines')).toContainText(l.blanks);
    // The line after the gap is on screen with the rest of the card, not below a scroll fold.
    const touch = gapCard.locator('.command-text', { hasText: `touch ${marker}` });
    await expect(touch).toBeInViewport();
    await screenshot(page, `hidden-blank-lines-card-${lang}`);

    // A long command says how many lines are not shown yet; one key press shows them.
    await controls.getByRole('button', { name: l.done, exact: true }).click();
    await controls.getByRole('button', { name: l.start }).click();
    const longCard = controls.locator('.command').first();
    await expect(longCard.locator('.command-text')).not.toContainText('line-13');
    const more = longCard.getByTestId('more-lines');
    await expect(more).toContainText(l.moreLines);
    await screenshot(page, `hidden-long-command-${lang}`);
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(longCard.locator('.command-text')).toContainText('line-40');

    // Nothing reached the shell: no paste, no marker.
    await expect(page.getByTestId('terminal').locator('.xterm-rows')).not.toContainText('touch');
    expect(existsSync(marker)).toBe(false);
  });
}
