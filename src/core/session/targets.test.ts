// What the journal keeps of the target checks: the last probe per kind per terminal (the terminal header
// reads it) and every override with its reason; an override names a step the runbook has.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/session/events';
import type { SessionState } from '../../shared/session/state';
import { parseRunbook } from '../runbook/parse';
import { apply, indexSteps, initialState, type Applied } from './machine';

const model = parseRunbook(readFileSync(resolve(import.meta.dirname, '../../../runbooks/target-check-en.md'), 'utf8'));
const idx = indexSteps(model);
const stepId = model.phases[0]!.steps[0]!.id;
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
const probed = (actual: string, ok: boolean): SessionEvent => ({
  type: 'target-probed',
  stepId,
  terminal: 't1',
  kind: 'kube-context',
  command: 'kubectl config current-context',
  expected: 'prod-tokyo',
  actual,
  exitCode: 0,
  ok,
});

function run(events: SessionEvent[]): { state: SessionState; results: Applied[] } {
  let state = initialState();
  let t = Date.parse('2026-12-10T22:00:00Z');
  const results: Applied[] = [];
  for (const e of events) {
    const r = apply(state, e, (t += 1000), idx);
    results.push(r);
    if (r.ok) state = r.state;
  }
  return { state, results };
}

describe('target events in the session fold', () => {
  it('keeps the last probe of each kind per terminal', () => {
    const { state } = run([created, probed('staging', false), probed('prod-tokyo', true)]);
    expect(state.targets['t1']?.['kube-context']).toMatchObject({
      actual: 'prod-tokyo',
      ok: true,
      expected: 'prod-tokyo',
      stepId,
    });
  });
  it('records an override with its reason and who gave it; refuses one for a step the runbook lacks', () => {
    const override = {
      type: 'target-override',
      stepId,
      kind: 'kube-context',
      expected: 'prod-tokyo',
      actual: 'staging',
      reason: 'mirror',
      by: 'Aiko',
    } as const;
    const { state, results } = run([created, override, { ...override, stepId: 'nope' }]);
    expect(state.targetOverrides).toEqual([
      expect.objectContaining({ stepId, actual: 'staging', reason: 'mirror', by: 'Aiko' }),
    ]);
    expect(results[2]!.ok).toBe(false);
  });
});
