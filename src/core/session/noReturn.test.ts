// The point of no return: from the rollback steps' own estimates, from a stated rollback time, and
// moving with a ×60 rehearsal clock.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../runbook/parse';
import { initialState } from './machine';
import type { SessionState } from '../../shared/session/state';
import { sessionNow } from '../../shared/session/state';
import { pointOfNoReturn, rollbackEstimateMinutes, statedRollbackMinutes } from '../../shared/session/noReturn';
import { dueTimers, nextTimer } from '../../shared/session/timers';

const MIN = 60_000;
const T0 = Date.parse('2026-12-10T13:00:00Z');
const running = (patch: Partial<SessionState> = {}): SessionState => ({
  ...initialState(),
  sessionId: 's',
  lifecycle: 'running',
  createdAt: T0,
  createdWallAt: T0,
  releaseStartedAt: T0,
  ...patch,
});

const withSteps = [
  '# R',
  '',
  '## Phase 1: Go (5 min)',
  '',
  '### 1.1 Check',
  '',
  '```bash',
  'echo hi',
  '```',
  '',
  '## Rollback',
  '',
  '**制限時間**: リリース開始から2時間以内',
  '',
  '#### Step 1: Undo',
  '',
  '**所要時間**: 10分',
  '',
  '```bash',
  'echo undo',
  '```',
  '',
  '#### Step 2: Restore',
  '',
  '**所要時間**: 15分',
  '',
  '```bash',
  'echo restore',
  '```',
  '',
].join('\n');
const stated = withSteps.replace('## Rollback', '## Rollback\n\n**ロールバック所要時間**: 約10分');

describe('the point of no return', () => {
  it('reads a stated rollback time, and not a blank one', () => {
    expect(statedRollbackMinutes('**ロールバック所要時間**: 約10分')).toBe(10);
    expect(statedRollbackMinutes('切り戻し所要時間: 40分')).toBe(40);
    expect(statedRollbackMinutes('Rollback time: about 25 min')).toBe(25);
    expect(statedRollbackMinutes('切り戻し所要時間: XX分')).toBeNull();
  });
  it('from the rollback steps’ estimates: 120 min limit − (10 + 15) min = 95 min after the start', () => {
    const model = parseRunbook(withSteps);
    expect(rollbackEstimateMinutes(model, withSteps)).toEqual({ minutes: 25, source: 'steps' });
    const p = pointOfNoReturn(model, running(), withSteps, 120, null)!;
    expect((p.at - T0) / MIN).toBe(95);
    expect(nextTimer(model, running(), T0, 'no-return-15', withSteps)?.dueAt).toBe(T0 + 80 * MIN);
    expect(dueTimers(model, running(), T0 + 91 * MIN, withSteps).map((t) => t.kind)).toEqual(
      expect.arrayContaining(['no-return-15', 'no-return-5']),
    );
    expect(dueTimers(model, running(), T0 + 91 * MIN, withSteps).map((t) => t.kind)).not.toContain('no-return');
  });
  it('a stated rollback time wins over the steps: 120 − 10 = 110 min; an earlier window end pulls it forward', () => {
    const model = parseRunbook(stated);
    expect(pointOfNoReturn(model, running(), stated, 120, null)!.at).toBe(T0 + 110 * MIN);
    expect(pointOfNoReturn(model, running(), stated, 120, T0 + 60 * MIN)!.at).toBe(T0 + 50 * MIN);
  });
  it('moves with the ×60 clock: the 15-minute warning of a 95-minute point comes 80 wall seconds after the start', () => {
    const model = parseRunbook(withSteps);
    const s = running({ speed: 60 });
    const at = (wallSeconds: number) => sessionNow(s, T0 + wallSeconds * 1000);
    expect(dueTimers(model, s, at(79), withSteps).map((t) => t.kind)).not.toContain('no-return-15');
    expect(dueTimers(model, s, at(81), withSteps).map((t) => t.kind)).toContain('no-return-15');
    expect(dueTimers(model, s, at(96), withSteps).map((t) => t.kind)).toContain('no-return');
  });
  it('without any estimate there is no point of no return (never a made-up one)', () => {
    const none = withSteps.replace(/\*\*所要時間\*\*: \d+分/g, '');
    expect(pointOfNoReturn(parseRunbook(none), running(), none, 120, null)).toBeNull();
  });
});
