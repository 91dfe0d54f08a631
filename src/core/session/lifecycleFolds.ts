// Folds that move the session's lifecycle: preflight, Go/No-Go, the gate, decisions, rollback, hotfix, completion.
import { missingVariables } from '../../shared/variables';
import type { SessionState } from '../../shared/session/state';
import { accept, reject, stepName, stopActive, type Fold } from './fold';

export const onPreflightStart: Fold<'preflight-start'> = (s) => accept({ ...s, lifecycle: 'preflight' });

export const onGoDecision: Fold<'go-decision'> = (s, e, { at, idx }) => {
  const go = { decision: e.decision, by: e.by, reason: e.reason, at };
  if (e.decision === 'no-go') return accept({ ...s, go, lifecycle: 'completed', outcome: 'aborted', completedAt: at });
  const missing = missingVariables(idx.model, s.variables);
  if (missing.length)
    return reject('reject.go.missingVariables', {
      names: missing.map((v) => v.name).join(', '),
      line: missing[0]!.occurrences[0]?.line ?? '?',
    });
  return accept({ ...s, go, lifecycle: 'running', releaseStartedAt: at });
};

export const onGate: Fold<'gate'> = (s, e, { at, idx }) => {
  if (s.activeStepId) return reject('reject.gate.stepActive', { step: stepName(idx, s.activeStepId) });
  return accept({
    ...s,
    gate: { healthy: e.healthy, by: e.by, at },
    ...(e.healthy ? { lifecycle: 'monitoring' as const, monitoringStartedAt: at } : {}),
  });
};

/** The session turns to its rollback: the active step is closed as failed. */
const toRollback = (s: SessionState, reason: string, by: string, at: number): SessionState => ({
  ...s,
  lifecycle: 'rollback',
  rollback: { reason, by, at },
  activeStepId: null,
  ...stopActive(s, at),
});

export const onDecision: Fold<'decision'> = (s, e, { at }) => {
  const decisions = [...s.decisions, { choice: e.choice, reason: e.reason, by: e.by, trigger: e.trigger, at }];
  const answered = { ...s, attention: null };
  if (e.choice === 'rollback') return accept({ ...toRollback(answered, e.reason, e.by, at), decisions });
  if (e.choice === 'hotfix') {
    if (s.hotfix && s.hotfix.fixed === null) return reject('reject.decision.hotfixUnderWay');
    return accept({ ...answered, decisions, hotfix: { startedAt: at, fixed: null } });
  }
  return accept({ ...answered, decisions });
};

export const onRollbackDeclare: Fold<'rollback-declare'> = (s, e, { at }) => accept(toRollback(s, e.reason, e.by, at));

export const onHotfixResult: Fold<'hotfix-result'> = (s, e, { at }) => {
  if (!s.hotfix || s.hotfix.fixed !== null) return reject('reject.hotfix.none');
  if (e.fixed) return accept({ ...s, hotfix: { ...s.hotfix, fixed: true } });
  return accept({ ...toRollback(s, 'The hotfix did not fix it.', e.by, at), hotfix: { ...s.hotfix, fixed: false } });
};

export const onComplete: Fold<'complete'> = (s, e, { at, idx }) => {
  if (s.activeStepId) return reject('reject.step.otherActive', { step: stepName(idx, s.activeStepId) });
  if (e.outcome === 'rolled-back' && s.lifecycle !== 'rollback') return reject('reject.complete.rolledBackOnly');
  if ((e.outcome === 'success' || e.outcome === 'success-with-issues') && s.lifecycle === 'rollback')
    return reject('reject.complete.noSuccessAfterRollback');
  const walking = s.lifecycle === 'running' || s.lifecycle === 'monitoring' || s.lifecycle === 'rollback';
  if (e.outcome !== 'aborted' && !walking) return reject('reject.complete.abortOnly', { lifecycle: s.lifecycle });
  return accept({ ...s, lifecycle: 'completed', outcome: e.outcome, completedAt: at });
};
