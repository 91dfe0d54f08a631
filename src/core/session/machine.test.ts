// The state machine: the seeds' lifecycle, and property tests over random event sequences.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/session/events';
import type { SessionState } from '../../shared/session/state';
import { parseRunbook } from '../runbook/parse';
import { apply, indexSteps, initialState, phaseProgress, type Applied } from './machine';

const model = parseRunbook(readFileSync(resolve(import.meta.dirname, '../../../runbooks/release-en.md'), 'utf8'));
const idx = indexSteps(model);
const steps = idx.main;
const created: SessionEvent = {
  type: 'session-created',
  sessionId: 's1',
  runbookName: 'r.md',
  runbookSha256: 'h',
  title: 'T',
  rehearsal: false,
  speed: 1,
  operator: 'Aiko',
};

function run(events: SessionEvent[]): { state: SessionState; results: Applied[] } {
  let state = initialState();
  let t = Date.parse('2026-12-10T22:00:00Z');
  const results: Applied[] = [];
  for (const e of events) {
    const r = apply(state, e, (t += 60_000), idx);
    results.push(r);
    if (r.ok) state = r.state;
  }
  return { state, results };
}

// The fold does not check signatures (core does, before journaling): it needs one to be there.
const signature = { publicKey: 'pem', fingerprint: 'SHA256:k', after: '0'.repeat(64), value: 'sig' };
const go: SessionEvent[] = [
  created,
  { type: 'preflight-start' },
  { type: 'go-decision', decision: 'go', by: 'Ken', reason: '' },
];

describe('session lifecycle', () => {
  it('runs prepared → preflight → running → monitoring → completed → signed off', () => {
    const walk = steps.flatMap((s): SessionEvent[] => [
      { type: 'step-start', stepId: s.id },
      { type: 'step-complete', stepId: s.id },
    ]);
    const { state, results } = run([
      ...go,
      ...walk,
      { type: 'gate', healthy: true, by: 'Aiko' },
      { type: 'complete', outcome: 'success', by: 'Aiko', note: '' },
      { type: 'sign-off', by: 'Aiko', role: 'operator', fingerprint: 'SHA256:k', signature },
    ]);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(state.lifecycle).toBe('signed-off');
    expect(state.outcome).toBe('success');
    expect(state.releaseStartedAt).not.toBeNull();
    expect(state.monitoringStartedAt).not.toBeNull();
    expect(phaseProgress(model.phases[0]!.steps, state)).toEqual({ done: 2, total: 2, passed: true });
  });

  it('refuses out-of-order steps without a reason, and records the override with one', () => {
    const later = steps[2]!;
    const { results, state } = run([
      ...go,
      { type: 'step-start', stepId: later.id },
      { type: 'step-start', stepId: later.id, override: 'the pods were already updated by CI' },
    ]);
    expect(results[3]).toEqual({ ok: false, reason: expect.stringContaining('Steps before it are not done') });
    expect(state.steps[later.id]).toMatchObject({ state: 'active', override: 'the pods were already updated by CI' });
  });

  it('needs a reason to skip, and passes a checkpoint only when every step is done or skipped', () => {
    const [a, b] = model.phases[0]!.steps;
    const { state } = run([...go, { type: 'step-start', stepId: a!.id }, { type: 'step-complete', stepId: a!.id }]);
    expect(phaseProgress(model.phases[0]!.steps, state).passed).toBe(false);
    const skipped = apply(
      state,
      { type: 'step-skip', stepId: b!.id, reason: 'recorded in the ticket' },
      Date.now(),
      idx,
    );
    expect(skipped.ok && phaseProgress(model.phases[0]!.steps, skipped.state).passed).toBe(true);
  });

  it('declares a rollback from a running state, walks the rollback steps, and ends rolled back', () => {
    const rb = idx.rollback[0]!;
    const { state, results } = run([
      ...go,
      { type: 'step-start', stepId: steps[0]!.id },
      { type: 'decision', choice: 'rollback', reason: 'error rate 14%', by: 'Ken', trigger: 'check failed' },
      { type: 'step-start', stepId: steps[1]!.id },
      { type: 'step-start', stepId: rb.id },
      { type: 'step-complete', stepId: rb.id },
      { type: 'complete', outcome: 'success', by: 'Aiko', note: '' },
      { type: 'complete', outcome: 'rolled-back', by: 'Aiko', note: '' },
    ]);
    expect(results[5]).toMatchObject({ ok: false });
    expect(results[8]).toEqual({ ok: false, reason: 'A session that rolled back cannot end as a success.' });
    expect(state.lifecycle).toBe('completed');
    expect(state.outcome).toBe('rolled-back');
    expect(state.steps[steps[0]!.id]).toMatchObject({ state: 'failed', reason: 'Interrupted by the rollback.' });
  });

  it('starts a hotfix timer, and a failed hotfix leads to the rollback', () => {
    const { state } = run([
      ...go,
      { type: 'decision', choice: 'hotfix', reason: 'typo in config', by: 'Ken', trigger: 'operator' },
      { type: 'hotfix-result', fixed: false, by: 'Ken' },
    ]);
    expect(state.hotfix).toMatchObject({ fixed: false });
    expect(state.lifecycle).toBe('rollback');
  });

  it('records a ❌ verdict as something to decide on, and a decision answers it', () => {
    const step = steps[0]!;
    const { state } = run([
      ...go,
      { type: 'verdict', stepId: step.id, level: 'error', criterion: 'エラーが返る', by: 'Aiko' },
    ]);
    expect(state.verdicts[step.id]).toMatchObject({ level: 'error', criterion: 'エラーが返る' });
    expect(state.attention).toMatchObject({ kind: 'verdict-error', stepId: step.id });
    const after = run([
      ...go,
      { type: 'verdict', stepId: step.id, level: 'error', criterion: 'x', by: 'A' },
      { type: 'decision', choice: 'continue', reason: 'transient', by: 'Ken', trigger: 'verdict' },
    ]).state;
    expect(after.attention).toBeNull();
  });

  it('never counts a sign-off without a signature (a hostile journal may hold one)', () => {
    const unsigned = {
      type: 'sign-off',
      by: 'CISO Boss',
      role: 'approver',
      fingerprint: 'SHA256:made-up',
    } as unknown as SessionEvent;
    const { state, results } = run([...go, { type: 'complete', outcome: 'aborted', by: 'Aiko', note: '' }, unsigned]);
    expect(results[4]).toEqual({ ok: false, reason: expect.stringContaining('without a signature') });
    expect(state.signOffs).toEqual([]);
  });

  it('accepts only notes and sign-offs after completion', () => {
    const { results } = run([
      ...go,
      { type: 'complete', outcome: 'aborted', by: 'Aiko', note: 'window cancelled' },
      { type: 'step-start', stepId: steps[0]!.id },
      { type: 'note', text: 'later remark', by: 'Aiko' },
    ]);
    expect(results[4]).toEqual({ ok: false, reason: expect.stringContaining('only notes and sign-offs') });
    expect(results[5]!.ok).toBe(true);
  });
});

describe('state machine properties', () => {
  const stepIds = [...steps, ...idx.rollback].map((s) => s.id).concat(['nope']);
  const by = fc.constantFrom('Aiko', 'Ken');
  const event: fc.Arbitrary<SessionEvent> = fc.oneof(
    fc.constant({ type: 'preflight-start' } as SessionEvent),
    fc.record({
      type: fc.constant('go-decision' as const),
      decision: fc.constantFrom('go' as const, 'no-go' as const),
      by,
      reason: fc.constant(''),
    }),
    fc
      .record({
        type: fc.constant('step-start' as const),
        stepId: fc.constantFrom(...stepIds),
        override: fc.option(fc.constant('reason'), { nil: undefined }),
      })
      .map((e) => (e.override === undefined ? { type: e.type, stepId: e.stepId } : e)),
    fc.record({ type: fc.constant('step-complete' as const), stepId: fc.constantFrom(...stepIds) }),
    fc.record({
      type: fc.constant('step-skip' as const),
      stepId: fc.constantFrom(...stepIds),
      reason: fc.constant('n/a'),
    }),
    fc.record({
      type: fc.constant('step-fail' as const),
      stepId: fc.constantFrom(...stepIds),
      reason: fc.constant('exit 1'),
    }),
    fc.record({ type: fc.constant('gate' as const), healthy: fc.boolean(), by }),
    fc.record({
      type: fc.constant('decision' as const),
      choice: fc.constantFrom('continue' as const, 'hotfix' as const, 'rollback' as const),
      reason: fc.constant('r'),
      by,
      trigger: fc.constant('t'),
    }),
    fc.record({ type: fc.constant('hotfix-result' as const), fixed: fc.boolean(), by }),
    fc.record({
      type: fc.constant('complete' as const),
      outcome: fc.constantFrom(
        'success' as const,
        'success-with-issues' as const,
        'rolled-back' as const,
        'aborted' as const,
      ),
      by,
      note: fc.constant(''),
    }),
    fc.record({
      type: fc.constant('sign-off' as const),
      by,
      role: fc.constantFrom('operator' as const, 'approver' as const),
      fingerprint: fc.constant('SHA256:k'),
      signature: fc.constant(signature),
    }),
  );

  it('never reaches an invalid state, and every rejection says why and changes nothing', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        let state = run([created]).state;
        let t = Date.now();
        for (const e of events) {
          const before = JSON.stringify(state);
          const r = apply(state, e, (t += 1000), idx);
          if (!r.ok) {
            expect(r.reason.length).toBeGreaterThan(10);
            expect(JSON.stringify(state)).toBe(before);
            continue;
          }
          state = r.state;
          const active = Object.entries(state.steps).filter(([, v]) => v.state === 'active');
          expect(active.length).toBeLessThanOrEqual(1);
          expect(state.activeStepId).toBe(active[0]?.[0] ?? null);
          if (state.lifecycle === 'completed' || state.lifecycle === 'signed-off') expect(state.outcome).not.toBeNull();
          else expect(state.outcome).toBeNull();
          if (state.outcome === 'rolled-back') expect(state.rollback).not.toBeNull();
          if (state.lifecycle === 'signed-off') expect(state.signOffs[0]?.role).toBe('operator');
          for (const v of Object.values(state.steps))
            if (v.state === 'skipped' || v.state === 'failed') expect(v.reason).toBeTruthy();
        }
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
