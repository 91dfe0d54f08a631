// Folds for facts the session records without moving its lifecycle: notes, timers, sign-offs, runs, probes, values.
import { sessionNow, type SessionState } from '../../shared/session/state';
import { accept, reject, type Fold } from './fold';

const NOTES_KEPT = 100;

// The state keeps the latest notes for the screen; every note stays in the journal for the evidence.
const withNote = (s: SessionState, text: string, by: string, at: number): SessionState => ({
  ...s,
  notes: [...s.notes.slice(-(NOTES_KEPT - 1)), { text, by, at }],
  noteCount: s.noteCount + 1,
});

export const onNote: Fold<'note'> = (s, e, { at }) => accept(withNote(s, e.text, e.by, at));
export const onSignedNote: Fold<'signed-note'> = (s, e, { at }) => accept(withNote(s, e.text, e.by, at));

export const onTimerFired: Fold<'timer-fired'> = (s, e, { at }) => {
  if (s.fired[e.key] !== undefined) return reject('reject.timer.fired', { key: e.key });
  // Only the latest progress report matters for what is due next; older ones are dropped so the map stays small.
  const fired =
    e.kind === 'progress-report'
      ? Object.fromEntries(Object.entries(s.fired).filter(([k]) => !k.startsWith('progress-report:')))
      : { ...s.fired };
  fired[e.key] = at;
  const alert = { key: e.key, kind: e.kind, label: e.label, at, ...(e.ref !== undefined ? { ref: e.ref } : {}) };
  return accept({ ...s, fired, alerts: [...s.alerts.slice(-19), alert] });
};

export const onSignOff: Fold<'sign-off'> = (s, e, { at }) => {
  if (e.role === 'operator' && s.signOffs.some((x) => x.role === 'operator'))
    return reject('reject.signOff.operatorTwice');
  if (e.role === 'approver' && !s.signOffs.some((x) => x.role === 'operator'))
    return reject('reject.signOff.approverFirst');
  const signOff = { by: e.by, role: e.role, at, fingerprint: e.fingerprint };
  return accept({ ...s, lifecycle: 'signed-off', signOffs: [...s.signOffs, signOff] });
};

export const onShellCommand: Fold<'shell-command'> = (s) =>
  accept({ ...s, shellCommandCount: s.shellCommandCount + 1 });

// A rehearsal's shim calls are facts of the night; they change nothing on screen.
export const onShimCall: Fold<'shim-call'> = (s) => (s.rehearsal ? accept(s) : reject('reject.rehearsal.shimCall'));

export const onIsolation: Fold<'rehearsal-isolation'> = (s, e) =>
  s.rehearsal
    ? accept({ ...s, isolation: { kind: e.kind, observer: e.observer, note: e.note } })
    : reject('reject.rehearsal.isolation');

export const onSandboxBlocked: Fold<'sandbox-blocked'> = (s) =>
  s.rehearsal ? accept({ ...s, blockedCount: s.blockedCount + 1 }) : reject('reject.rehearsal.sandbox');

export const onTargetProbed: Fold<'target-probed'> = (s, e, { at }) => {
  const probe = { actual: e.actual, expected: e.expected, ok: e.ok, stepId: e.stepId, at };
  return accept({ ...s, targets: { ...s.targets, [e.terminal]: { ...s.targets[e.terminal], [e.kind]: probe } } });
};

export const onCommandRun: Fold<'command-run'> = (s, e, { at, idx }) => {
  if (!idx.byId.has(e.stepId)) return reject('reject.step.unknown', { stepId: e.stepId });
  const run = {
    stepId: e.stepId,
    exitCode: e.exitCode,
    comparison: e.comparison,
    output: e.output.slice(-4096),
    truncated: e.truncated || e.output.length > 4096,
    startedAt: sessionNow(s, e.startedAt),
    endedAt: sessionNow(s, e.endedAt),
    transcript: e.transcript,
  };
  const failed = e.comparison.result === 'mismatch';
  const attention = failed
    ? { kind: 'check-failed' as const, stepId: e.stepId, commandId: e.commandId, detail: e.comparison.detail, at }
    : s.attention;
  return accept({ ...s, commandRuns: { ...s.commandRuns, [e.commandId]: run }, attention });
};

export const onBlockRole: Fold<'block-role'> = (s, e, { idx }) =>
  idx.model.blocks.some((b) => b.id === e.blockId)
    ? accept({ ...s, roles: { ...s.roles, [e.blockId]: e.role } })
    : reject('reject.block.unknown', { blockId: e.blockId });

export const onVariablesSet: Fold<'variables-set'> = (s, e) =>
  accept({ ...s, variables: { ...s.variables, ...e.values } });

export const onFieldSet: Fold<'field-set'> = (s, e, { at, idx }) =>
  idx.fieldIds.has(e.fieldId)
    ? accept({ ...s, fields: { ...s.fields, [e.fieldId]: { value: e.value, at } } })
    : reject('reject.field.unknown', { fieldId: e.fieldId });

export const onConfirmationSet: Fold<'confirmation-set'> = (s, e, { at, idx }) =>
  idx.confirmationIds.has(e.confirmationId)
    ? accept({ ...s, confirmations: { ...s.confirmations, [e.confirmationId]: { checked: e.checked, at } } })
    : reject('reject.confirmation.unknown', { confirmationId: e.confirmationId });

export const onVerdict: Fold<'verdict'> = (s, e, { at, idx }) => {
  if (!idx.byId.has(e.stepId)) return reject('reject.step.unknown', { stepId: e.stepId });
  const verdicts = { ...s.verdicts, [e.stepId]: { level: e.level, criterion: e.criterion, by: e.by, at } };
  // ❌ 異常 is a failed check: the rollback question listens to it.
  const attention =
    e.level === 'error'
      ? { kind: 'verdict-error' as const, stepId: e.stepId, commandId: null, detail: `❌ ${e.criterion}`, at }
      : s.attention;
  return accept({ ...s, verdicts, attention });
};

export const onTargetOverride: Fold<'target-override'> = (s, e, { at, idx }) => {
  if (!idx.byId.has(e.stepId)) return reject('reject.step.unknown', { stepId: e.stepId });
  const { stepId, kind, expected, actual, reason, by } = e;
  return accept({ ...s, targetOverrides: [...s.targetOverrides, { stepId, kind, expected, actual, reason, by, at }] });
};
