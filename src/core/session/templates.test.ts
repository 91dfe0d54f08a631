import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillTemplate, progressReport, templateFacts } from '../../shared/session/templates';
import { parseRunbook } from '../runbook/parse';
import { initialState } from './machine';

const model = parseRunbook(
  readFileSync(resolve(import.meta.dirname, '../../../../shared/seeds/000_8597f5dc98a4b98d.txt'), 'utf8'),
);

describe('message templates', () => {
  const now = new Date(2026, 11, 3, 1, 42);
  const first = model.phases[0]!.steps[0]!;
  const state = {
    ...initialState(),
    sessionId: 's',
    lifecycle: 'running' as const,
    operator: 'yamada',
    variables: { VERSION: '2.4.0' },
    releaseStartedAt: new Date(2026, 11, 3, 1, 0).getTime(),
    steps: { [first.id]: { state: 'done' as const, startedAt: 1, endedAt: 2, reason: null, override: null } },
  };
  const f = templateFacts(model, state, now);

  it('fills the seed 000 start post with the version, date and operator', () => {
    const start = model.phases[0]!.steps[0]!.templates[0]!.text;
    const out = fillTemplate(start, f);
    expect(out).toContain('#release-20261203');
    expect(out).toContain('バージョン: v2.4.0');
    expect(out).toContain('作業者: @yamada');
    expect(out).toContain('予定時間: 01:00 ~');
  });
  it('fills the completion time and a rollback reason', () => {
    const out = fillTemplate('完了時刻: HH:MM\n理由: [理由を記載]', { ...f, reason: 'エラーレート14%' });
    expect(out).toBe('完了時刻: 01:42\n理由: エラーレート14%');
  });
  it('proposes the progress report in the seeds’ format', () => {
    expect(progressReport(model, f, 'ja')).toBe('01:42 [進行中] 準備実施中（1/5）ステップ 1/34');
  });
});
