import { describe, expect, it } from 'vitest';
import { translate, type UiLanguage } from '../../../../shared/i18n';
import { runbook } from '../../testing/fixtures';
import { alertText, attentionText } from './attention';

const model = runbook();
const t = (lang: UiLanguage) => (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) =>
  translate(lang, k, v);
const alert = (kind: string, ref?: string) => ({
  key: kind,
  kind,
  label: `label:${kind}`,
  at: 0,
  ...(ref ? { ref } : {}),
});

describe('what needs deciding', () => {
  it('names the failed step by its title and says what to decide, in both languages', () => {
    const a = { kind: 'step-failed' as const, stepId: 's3', commandId: null, detail: 'exit 1', at: 0 };
    expect(attentionText(model, a, t('en'))).toBe(
      '"Deploy" failed: exit 1. Decide now: continue, hotfix or roll back.',
    );
    expect(attentionText(model, a, t('ja'))).toContain('Deploy');
    expect(attentionText(model, a, t('ja'))).toContain('切り戻し');
  });
  it('falls back to the step id when the runbook no longer has that step', () => {
    const a = { kind: 'verdict-error' as const, stepId: 'gone', commandId: null, detail: 'p99 high', at: 0 };
    expect(attentionText(model, a, t('en'))).toContain('"gone"');
    expect(attentionText(model, a, t('en'))).toContain('p99 high');
  });
  it('says a check failed with its detail', () => {
    const a = { kind: 'check-failed' as const, stepId: 's1', commandId: 'c1', detail: 'output differs', at: 0 };
    expect(attentionText(model, a, t('en'))).toBe(
      'A check failed: output differs. Decide now: continue, hotfix or roll back.',
    );
  });
});

describe('a fired timer', () => {
  it('names the step and its estimate for an overrun', () => {
    const withEstimate = runbook();
    withEstimate.phases[1]!.steps[0]!.estimateMinutes = 5;
    expect(alertText(withEstimate, alert('step-overrun', 's3'), t('en'))).toBe('"Deploy" is over its 5 min estimate');
    expect(alertText(withEstimate, alert('step-overrun', 's3'), t('ja'))).toBe('「Deploy」が目安 5分 を超えました');
  });
  it('says when a monitoring checkpoint is: right after, in minutes, in whole hours', () => {
    expect(alertText(model, alert('monitoring-checkpoint', '0'), t('en'))).toContain('right after the release');
    expect(alertText(model, alert('monitoring-checkpoint', '15'), t('en'))).toContain('+15 min');
    expect(alertText(model, alert('monitoring-checkpoint', '120'), t('en'))).toContain('+2 h');
    expect(alertText(model, alert('monitoring-checkpoint', '90'), t('ja'))).toContain('+90分');
  });
  it('words the deadlines in the UI’s language', () => {
    expect(alertText(model, alert('deadline-10'), t('en'))).toBe('10 minutes to the rollback decision deadline');
    expect(alertText(model, alert('deadline-10'), t('ja'))).toBe('切り戻し判断期限まであと10分');
  });
  it('shows core’s own label for what it cannot word (an unknown kind, a step that is gone)', () => {
    expect(alertText(model, alert('something-new'), t('ja'))).toBe('label:something-new');
    expect(alertText(model, alert('step-timeout', 'gone'), t('en'))).toBe('label:step-timeout');
  });
});
