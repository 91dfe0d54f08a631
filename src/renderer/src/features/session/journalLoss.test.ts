import { describe, expect, it } from 'vitest';
import { translate } from '../../../../shared/i18n';
import { lossText } from './journalLoss';

const lost = [
  { event: 'shell-command', at: '2026-11-27T02:10:05Z', reason: 'The journal could not be written (ENOSPC).' },
  { event: 'timer-fired', at: '2026-11-27T02:10:06Z', reason: 'x' },
  { event: 'shell-command', at: '2026-11-27T02:10:09Z', reason: 'x' },
  { event: 'step-complete', at: '2026-11-27T02:11:00Z', reason: 'x' },
];

describe('the "not recorded" banner', () => {
  it('names what was lost, grouped, and what to do, in English', () => {
    const text = lossText(lost, (k, v) => translate('en', k, v), 'en-GB').join('\n');
    expect(text).toContain('4 event(s) are NOT in the record');
    const what = 'a command typed in the terminal ×2, a timer alert, an action (step-complete)';
    expect(text).toContain(`Not recorded: ${what}.`);
    expect(text).toContain('write down by hand');
    expect(text).toContain('ENOSPC');
  });
  it('and in Japanese', () => {
    const text = lossText(lost, (k, v) => translate('ja', k, v), 'ja-JP').join('\n');
    expect(text).toContain('4 件が記録されていません');
    expect(text).toContain('ターミナルで入力したコマンド ×2、タイマーの通知、操作（step-complete）');
    expect(text).toContain('手で控えて');
  });
});
