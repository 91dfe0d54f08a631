// Folds for walking the steps: start (in order, or out of order with a reason), complete, fail, skip.
import { isStepFinished } from '../../shared/session/state';
import { accept, reject, stepName, stepState, withStep, type Applied, type Fold, type FoldContext } from './fold';
import type { SessionState } from '../../shared/session/state';

/** Why `stepId` cannot start now, if it cannot; `null` when it may. */
function startRefusal(s: SessionState, stepId: string, override: string | undefined, idx: FoldContext['idx']) {
  const rollback = s.lifecycle === 'rollback';
  const list = rollback ? idx.rollback : idx.main;
  const pos = list.findIndex((st) => st.id === stepId);
  const step = stepName(idx, stepId);
  if (pos < 0) {
    if (!idx.byId.has(stepId)) return reject('reject.step.unknown', { stepId });
    return reject(rollback ? 'reject.step.notInRollback' : 'reject.step.notInRelease', { step });
  }
  if (s.activeStepId && s.activeStepId !== stepId)
    return reject('reject.step.otherActive', { step: stepName(idx, s.activeStepId) });
  const st = stepState(s, stepId);
  if (st === 'active') return reject('reject.step.alreadyActive', { step });
  if (st === 'done' || st === 'skipped') return alreadyFinished(st, step);
  const open = list.slice(0, pos).filter((x) => !isStepFinished(s, x.id));
  if (open.length && !override) {
    const first = open[0]!.title;
    return open.length > 1
      ? reject('reject.step.earlierOpenMore', { first, more: open.length - 1 })
      : reject('reject.step.earlierOpen', { first });
  }
  return null;
}

const alreadyFinished = (st: 'done' | 'skipped', step: string): Applied =>
  reject(st === 'done' ? 'reject.step.alreadyDone' : 'reject.step.alreadySkipped', { step });

export const onStepStart: Fold<'step-start'> = (s, e, { at, idx }) => {
  const refusal = startRefusal(s, e.stepId, e.override, idx);
  if (refusal) return refusal;
  const started = withStep(s, e.stepId, {
    state: 'active',
    startedAt: at,
    endedAt: null,
    override: e.override ?? null,
    reason: null,
  });
  return accept({ ...started, activeStepId: e.stepId });
};

export const onStepComplete: Fold<'step-complete'> = (s, e, { at, idx }) => {
  if (s.activeStepId !== e.stepId) return reject('reject.step.completeNotActive', { step: stepName(idx, e.stepId) });
  return accept({ ...withStep(s, e.stepId, { state: 'done', endedAt: at }), activeStepId: null });
};

export const onStepFail: Fold<'step-fail'> = (s, e, { at, idx }) => {
  if (s.activeStepId !== e.stepId) return reject('reject.step.failNotActive', { step: stepName(idx, e.stepId) });
  // A step marked failed is a failed check: the rollback question listens to it.
  const attention =
    s.lifecycle === 'rollback'
      ? s.attention
      : { kind: 'step-failed' as const, stepId: e.stepId, commandId: null, detail: e.reason, at };
  return accept({
    ...withStep(s, e.stepId, { state: 'failed', endedAt: at, reason: e.reason }),
    activeStepId: null,
    attention,
  });
};

export const onStepSkip: Fold<'step-skip'> = (s, e, { at, idx }) => {
  if (!idx.byId.has(e.stepId)) return reject('reject.step.unknown', { stepId: e.stepId });
  const st = stepState(s, e.stepId);
  if (st === 'done' || st === 'skipped') return alreadyFinished(st, stepName(idx, e.stepId));
  return accept({
    ...withStep(s, e.stepId, { state: 'skipped', endedAt: at, reason: e.reason }),
    activeStepId: s.activeStepId === e.stepId ? null : s.activeStepId,
  });
};
