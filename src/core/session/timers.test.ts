import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../runbook/parse';
import { initialState } from './machine';
import type { SessionState } from '../../shared/session/state';
import { sessionNow } from '../../shared/session/state';
import { dueTimers, nextTimer, plannedWindowEnd, scheduledTimers } from '../../shared/session/timers';

const model = parseRunbook(readFileSync(resolve(import.meta.dirname, '../../../runbooks/release-en.md'), 'utf8'));
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

describe('timers', () => {
  it('counts the rollback deadline from the release start (the runbook says 2 hours)', () => {
    const s = running();
    expect(nextTimer(model, s, T0, 'deadline')?.dueAt).toBe(T0 + 120 * MIN);
    expect(dueTimers(model, s, T0 + 91 * MIN).map((t) => t.kind)).toEqual(expect.arrayContaining(['deadline-30']));
    expect(dueTimers(model, s, T0 + 121 * MIN).map((t) => t.kind)).toEqual(
      expect.arrayContaining(['deadline-30', 'deadline-10', 'deadline']),
    );
  });
  it('fires each timer once: a fired key is not due again, even after a restart hours later', () => {
    const s = running({ fired: { 'deadline-30': T0 + 90 * MIN } });
    expect(dueTimers(model, s, T0 + 95 * MIN).map((t) => t.key)).not.toContain('deadline-30');
    const late = dueTimers(model, running(), T0 + 10 * 60 * MIN).filter((t) => t.kind === 'progress-report');
    expect(late.map((t) => t.key)).toEqual(['progress-report:40']);
  });
  it('warns when the active step overruns its estimate and reaches its timeout', () => {
    const step = model.phases[1]!.steps[0]!; // [Change] Update the image: 15 min estimate, 20 min timeout
    const s = running({
      activeStepId: step.id,
      steps: { [step.id]: { state: 'active', startedAt: T0, endedAt: null, reason: null, override: null } },
    });
    expect(dueTimers(model, s, T0 + 16 * MIN).map((t) => t.kind)).toContain('step-overrun');
    expect(dueTimers(model, s, T0 + 14 * MIN).map((t) => t.kind)).not.toContain('step-overrun');
    expect(dueTimers(model, s, T0 + 21 * MIN).map((t) => t.kind)).toContain('step-timeout');
  });
  it('keeps the seeds’ monitoring schedule and the hotfix timer', () => {
    const s = running({ lifecycle: 'monitoring', monitoringStartedAt: T0, hotfix: { startedAt: T0, fixed: null } });
    const due = (m: number) => dueTimers(model, s, T0 + m * MIN).map((t) => t.key);
    expect(due(31)).toEqual(expect.arrayContaining(['monitoring:30', `hotfix:${T0}`]));
    expect(
      scheduledTimers(model, s, T0)
        .filter((t) => t.kind === 'monitoring-checkpoint')
        .map((t) => (t.dueAt - T0) / MIN),
    ).toEqual([30, 60, 180, 360, 1440]);
  });
  it('runs a rehearsal clock faster by its factor', () => {
    const s = { createdAt: T0, createdWallAt: T0, speed: 60 };
    expect(sessionNow(s, T0 + 2 * MIN) - T0).toBe(120 * MIN);
  });
  it('reads the planned window end from the document info', () => {
    expect(plannedWindowEnd('2026/12/10 22:00 ~ 23:30')).toBe(new Date(2026, 11, 10, 23, 30).getTime());
    expect(plannedWindowEnd('2026/12/03 23:00 ~ 01:00')).toBe(new Date(2026, 11, 4, 1, 0).getTime());
    expect(plannedWindowEnd('YYYY/MM/DD HH:MM ~ HH:MM')).toBeNull();
  });
});
