// The session state machine: a pure fold (state, event) → state | rejection with a reason.
// Invalid events are rejected whole, never half-applied; the journal only ever holds accepted ones.
import type { Runbook, Step } from '../../shared/model';
import { allSteps } from '../../shared/model';
import type { JournalEntry, SessionEvent } from '../../shared/session/events';
import { isStepFinished, sessionNow, type SessionState, type StepRecord } from '../../shared/session/state';
import { phaseSteps, rollbackSteps } from '../../shared/session/timers';
import { missingVariables } from '../../shared/variables';
import { initialReview } from '../../shared/review';
import { applyReview, isReviewEvent } from '../review/fold';

export type Applied = { ok: true; state: SessionState } | { ok: false; reason: string };

const reject = (reason: string): Applied => ({ ok: false, reason });
const NOTES_KEPT = 100;

export interface StepIndex {
  /** Steps walked in order while running (phases), and during a rollback (its own steps). */
  main: Step[];
  rollback: Step[];
  byId: Map<string, Step>;
  fieldIds: Set<string>;
  confirmationIds: Set<string>;
  model: Runbook;
}

export function indexSteps(model: Runbook): StepIndex {
  const byId = new Map<string, Step>();
  const fieldIds = new Set<string>();
  const confirmationIds = new Set<string>();
  const addConf = (cs: Step['confirmations']): void => {
    for (const c of cs) {
      confirmationIds.add(c.id);
      addConf(c.children);
    }
  };
  for (const s of allSteps(model)) {
    byId.set(s.id, s);
    for (const f of s.fields) fieldIds.add(f.id);
    addConf(s.confirmations);
  }
  for (const c of model.checklists) addConf(c.items);
  return {
    main: [...phaseSteps(model), ...(model.completion?.steps ?? [])],
    rollback: rollbackSteps(model),
    byId,
    fieldIds,
    confirmationIds,
    model,
  };
}

export function initialState(): SessionState {
  return {
    sessionId: '',
    title: '',
    runbookSha256: '',
    rehearsal: false,
    speed: 1,
    operator: '',
    lifecycle: 'prepared',
    outcome: null,
    createdAt: 0,
    createdWallAt: 0,
    releaseStartedAt: null,
    monitoringStartedAt: null,
    completedAt: null,
    variables: {},
    go: null,
    steps: {},
    activeStepId: null,
    fields: {},
    confirmations: {},
    gate: null,
    decisions: [],
    rollback: null,
    hotfix: null,
    notes: [],
    noteCount: 0,
    signOffs: [],
    fired: {},
    alerts: [],
    commandRuns: {},
    attention: null,
    verdicts: {},
    roles: {},
    shellCommandCount: 0,
    isolation: null,
    blockedCount: 0,
    lastSeq: 0,
    targets: {},
    targetOverrides: [],
    review: initialReview(),
  };
}

const emptyStep = (): StepRecord => ({
  state: 'pending',
  startedAt: null,
  endedAt: null,
  reason: null,
  override: null,
});

function withStep(s: SessionState, id: string, patch: Partial<StepRecord>): SessionState {
  return { ...s, steps: { ...s.steps, [id]: { ...(s.steps[id] ?? emptyStep()), ...patch } } };
}

const stepState = (s: SessionState, id: string): StepRecord['state'] => s.steps[id]?.state ?? 'pending';

function name(idx: StepIndex, id: string): string {
  return idx.byId.get(id)?.title ?? id;
}

// The state keeps the latest notes for the screen; every note stays in the journal for the evidence.
const withNote = (s: SessionState, text: string, by: string, at: number): SessionState => ({
  ...s,
  notes: [...s.notes.slice(-(NOTES_KEPT - 1)), { text, by, at }],
  noteCount: s.noteCount + 1,
});

/** Apply one event. `wallTime` is the journal entry's wall-clock time (ms). */
export function apply(s: SessionState, e: SessionEvent, wallTime: number, idx: StepIndex): Applied {
  if (e.type === 'session-created') {
    if (s.sessionId) return reject('The session already exists.');
    return {
      ok: true,
      state: {
        ...initialState(),
        sessionId: e.sessionId,
        title: e.title,
        runbookSha256: e.runbookSha256,
        rehearsal: e.rehearsal,
        speed: e.speed,
        operator: e.operator,
        createdAt: wallTime,
        createdWallAt: wallTime,
      },
    };
  }
  if (!s.sessionId) return reject('The session has not been created yet.');
  const at = sessionNow(s, wallTime);
  const closed = s.lifecycle === 'completed' || s.lifecycle === 'signed-off';
  const walking = s.lifecycle === 'running' || s.lifecycle === 'monitoring' || s.lifecycle === 'rollback';

  switch (e.type) {
    case 'note':
      // After sign-off the record is closed: a later note is a new entry, and it is signed (signed-note).
      if (s.lifecycle === 'signed-off')
        return reject('The session is signed off: a later note is signed with your key (unlock it to add the note).');
      return { ok: true, state: withNote(s, e.text, e.by, at) };
    case 'signed-note':
      return { ok: true, state: withNote(s, e.text, e.by, at) };
    case 'timer-fired': {
      if (s.fired[e.key] !== undefined) return reject(`Timer ${e.key} has already fired.`);
      // Only the latest progress report matters for what is due next; older ones are dropped so the map stays small.
      const fired =
        e.kind === 'progress-report'
          ? Object.fromEntries(Object.entries(s.fired).filter(([k]) => !k.startsWith('progress-report:')))
          : { ...s.fired };
      fired[e.key] = at;
      return {
        ok: true,
        state: {
          ...s,
          fired,
          alerts: [
            ...s.alerts.slice(-19),
            { key: e.key, kind: e.kind, label: e.label, at, ...(e.ref !== undefined ? { ref: e.ref } : {}) },
          ],
        },
      };
    }
    case 'sign-off':
      // A hostile journal may hold a sign-off without one; the fold never counts it.
      if (typeof e.signature !== 'object') return reject('A sign-off without a signature is not a sign-off.');
      if (!closed) return reject('Only a completed session can be signed off. Complete it first.');
      if (e.role === 'operator' && s.signOffs.some((x) => x.role === 'operator'))
        return reject('The operator has already signed off.');
      if (e.role === 'approver' && !s.signOffs.some((x) => x.role === 'operator'))
        return reject('The operator signs off before the approver.');
      return {
        ok: true,
        state: {
          ...s,
          lifecycle: 'signed-off',
          signOffs: [...s.signOffs, { by: e.by, role: e.role, at, fingerprint: e.fingerprint }],
        },
      };
  }
  if (e.type === 'shell-command') return { ok: true, state: { ...s, shellCommandCount: s.shellCommandCount + 1 } };
  // A rehearsal's shim calls are facts of the night; they change nothing on screen.
  if (e.type === 'shim-call')
    return s.rehearsal ? { ok: true, state: s } : reject('Shim calls happen only in a rehearsal.');
  if (e.type === 'rehearsal-isolation') {
    if (!s.rehearsal) return reject('Isolation is recorded only in a rehearsal.');
    return { ok: true, state: { ...s, isolation: { kind: e.kind, observer: e.observer, note: e.note } } };
  }
  if (e.type === 'sandbox-blocked')
    return s.rehearsal
      ? { ok: true, state: { ...s, blockedCount: s.blockedCount + 1 } }
      : reject('Only a rehearsal has a sandbox.');
  if (e.type === 'target-probed') {
    const probe = { actual: e.actual, expected: e.expected, ok: e.ok, stepId: e.stepId, at };
    return {
      ok: true,
      state: { ...s, targets: { ...s.targets, [e.terminal]: { ...s.targets[e.terminal], [e.kind]: probe } } },
    };
  }
  if (e.type === 'command-run') {
    if (!idx.byId.has(e.stepId)) return reject(`Unknown step ${e.stepId}.`);
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
    return {
      ok: true,
      state: {
        ...s,
        commandRuns: { ...s.commandRuns, [e.commandId]: run },
        attention: failed
          ? { kind: 'check-failed', stepId: e.stepId, commandId: e.commandId, detail: e.comparison.detail, at }
          : s.attention,
      },
    };
  }
  // Four eyes: its own fold (core/review/fold.ts).
  if (isReviewEvent(e)) return applyReview(s, e, at, idx, closed);
  if (closed) return reject('The session is completed; only notes and sign-offs can be added now.');

  switch (e.type) {
    case 'block-role':
      if (!idx.model.blocks.some((b) => b.id === e.blockId))
        return reject(`No code block ${e.blockId} in this runbook.`);
      return { ok: true, state: { ...s, roles: { ...s.roles, [e.blockId]: e.role } } };
    case 'variables-set':
      return { ok: true, state: { ...s, variables: { ...s.variables, ...e.values } } };
    case 'preflight-start':
      if (s.lifecycle !== 'prepared') return reject(`Preflight starts from "prepared"; the session is ${s.lifecycle}.`);
      return { ok: true, state: { ...s, lifecycle: 'preflight' } };
    case 'go-decision':
      if (s.lifecycle !== 'preflight') return reject('The Go/No-Go decision is taken at preflight.');
      if (e.decision === 'no-go')
        return {
          ok: true,
          state: {
            ...s,
            go: { decision: 'no-go', by: e.by, reason: e.reason, at },
            lifecycle: 'completed',
            outcome: 'aborted',
            completedAt: at,
          },
        };
      {
        const missing = missingVariables(idx.model, s.variables);
        if (missing.length)
          return reject(
            `Fill in the variables the commands need before Go: ${missing.map((v) => v.name).join(', ')} (first used on line ${missing[0]!.occurrences[0]?.line ?? '?'}).`,
          );
      }
      return {
        ok: true,
        state: {
          ...s,
          go: { decision: 'go', by: e.by, reason: e.reason, at },
          lifecycle: 'running',
          releaseStartedAt: at,
        },
      };
    case 'step-start': {
      if (!walking) return reject(`Steps can be started once the release is running; the session is ${s.lifecycle}.`);
      const list = s.lifecycle === 'rollback' ? idx.rollback : idx.main;
      const pos = list.findIndex((st) => st.id === e.stepId);
      if (pos < 0)
        return reject(
          idx.byId.has(e.stepId)
            ? `"${name(idx, e.stepId)}" is not part of the ${s.lifecycle === 'rollback' ? 'rollback' : 'release'} procedure being walked.`
            : `Unknown step ${e.stepId}.`,
        );
      if (s.activeStepId && s.activeStepId !== e.stepId)
        return reject(`"${name(idx, s.activeStepId)}" is still in progress: complete, skip or fail it first.`);
      const st = stepState(s, e.stepId);
      if (st === 'active') return reject(`"${name(idx, e.stepId)}" is already in progress.`);
      if (st === 'done' || st === 'skipped') return reject(`"${name(idx, e.stepId)}" is already ${st}.`);
      const open = list.slice(0, pos).filter((x) => !isStepFinished(s, x.id));
      if (open.length && !e.override)
        return reject(
          `Steps before it are not done: "${open[0]!.title}"${open.length > 1 ? ` and ${open.length - 1} more` : ''}. Do them first, or start this one out of order with a reason.`,
        );
      return {
        ok: true,
        state: {
          ...withStep(s, e.stepId, {
            state: 'active',
            startedAt: at,
            endedAt: null,
            override: e.override ?? null,
            reason: null,
          }),
          activeStepId: e.stepId,
        },
      };
    }
    case 'step-complete':
      if (s.activeStepId !== e.stepId) return reject(`"${name(idx, e.stepId)}" is not in progress; start it first.`);
      return { ok: true, state: { ...withStep(s, e.stepId, { state: 'done', endedAt: at }), activeStepId: null } };
    case 'step-fail':
      if (s.activeStepId !== e.stepId)
        return reject(`"${name(idx, e.stepId)}" is not in progress; only a step in progress can fail.`);
      // A step marked failed is a failed check: the rollback question listens to it.
      return {
        ok: true,
        state: {
          ...withStep(s, e.stepId, { state: 'failed', endedAt: at, reason: e.reason }),
          activeStepId: null,
          attention:
            s.lifecycle === 'rollback'
              ? s.attention
              : { kind: 'step-failed', stepId: e.stepId, commandId: null, detail: e.reason, at },
        },
      };
    case 'step-skip': {
      if (!walking) return reject(`Steps can be skipped once the release is running; the session is ${s.lifecycle}.`);
      if (!idx.byId.has(e.stepId)) return reject(`Unknown step ${e.stepId}.`);
      const st = stepState(s, e.stepId);
      if (st === 'done' || st === 'skipped') return reject(`"${name(idx, e.stepId)}" is already ${st}.`);
      return {
        ok: true,
        state: {
          ...withStep(s, e.stepId, { state: 'skipped', endedAt: at, reason: e.reason }),
          activeStepId: s.activeStepId === e.stepId ? null : s.activeStepId,
        },
      };
    }
    case 'field-set':
      if (!idx.fieldIds.has(e.fieldId)) return reject(`Unknown field ${e.fieldId}.`);
      return { ok: true, state: { ...s, fields: { ...s.fields, [e.fieldId]: { value: e.value, at } } } };
    case 'verdict': {
      if (!idx.byId.has(e.stepId)) return reject(`Unknown step ${e.stepId}.`);
      const verdicts = { ...s.verdicts, [e.stepId]: { level: e.level, criterion: e.criterion, by: e.by, at } };
      // ❌ 異常 is a failed check: the rollback question listens to it.
      const attention =
        e.level === 'error'
          ? { kind: 'verdict-error' as const, stepId: e.stepId, commandId: null, detail: `❌ ${e.criterion}`, at }
          : s.attention;
      return { ok: true, state: { ...s, verdicts, attention } };
    }
    case 'target-override': {
      if (!idx.byId.has(e.stepId)) return reject(`Unknown step ${e.stepId}.`);
      const o = {
        stepId: e.stepId,
        kind: e.kind,
        expected: e.expected,
        actual: e.actual,
        reason: e.reason,
        by: e.by,
        at,
      };
      return { ok: true, state: { ...s, targetOverrides: [...s.targetOverrides, o] } };
    }
    case 'confirmation-set':
      if (!idx.confirmationIds.has(e.confirmationId)) return reject(`Unknown confirmation ${e.confirmationId}.`);
      return {
        ok: true,
        state: { ...s, confirmations: { ...s.confirmations, [e.confirmationId]: { checked: e.checked, at } } },
      };
    case 'gate':
      if (s.lifecycle !== 'running')
        return reject('The verification gate (正常?) is answered while the release is running.');
      if (s.activeStepId) return reject(`"${name(idx, s.activeStepId)}" is still in progress.`);
      return {
        ok: true,
        state: {
          ...s,
          gate: { healthy: e.healthy, by: e.by, at },
          ...(e.healthy ? { lifecycle: 'monitoring' as const, monitoringStartedAt: at } : {}),
        },
      };
    case 'decision': {
      if (s.lifecycle !== 'running' && s.lifecycle !== 'monitoring')
        return reject(`A rollback decision is taken while running or monitoring; the session is ${s.lifecycle}.`);
      const decisions = [...s.decisions, { choice: e.choice, reason: e.reason, by: e.by, trigger: e.trigger, at }];
      s = { ...s, attention: null };
      if (e.choice === 'rollback')
        return {
          ok: true,
          state: {
            ...s,
            decisions,
            lifecycle: 'rollback',
            rollback: { reason: e.reason, by: e.by, at },
            activeStepId: null,
            ...stopActive(s, at),
          },
        };
      if (e.choice === 'hotfix') {
        if (s.hotfix && s.hotfix.fixed === null) return reject('A hotfix is already under way.');
        return { ok: true, state: { ...s, decisions, hotfix: { startedAt: at, fixed: null } } };
      }
      return { ok: true, state: { ...s, decisions } };
    }
    case 'rollback-declare':
      if (s.lifecycle !== 'running' && s.lifecycle !== 'monitoring')
        return reject(`Rollback can be declared while running or monitoring; the session is ${s.lifecycle}.`);
      return {
        ok: true,
        state: {
          ...s,
          lifecycle: 'rollback',
          rollback: { reason: e.reason, by: e.by, at },
          activeStepId: null,
          ...stopActive(s, at),
        },
      };
    case 'hotfix-result':
      if (!s.hotfix || s.hotfix.fixed !== null) return reject('No hotfix is under way.');
      if (e.fixed) return { ok: true, state: { ...s, hotfix: { ...s.hotfix, fixed: true } } };
      return {
        ok: true,
        state: {
          ...s,
          hotfix: { ...s.hotfix, fixed: false },
          lifecycle: 'rollback',
          rollback: { reason: 'The hotfix did not fix it.', by: e.by, at },
          activeStepId: null,
          ...stopActive(s, at),
        },
      };
    case 'complete': {
      if (s.activeStepId)
        return reject(`"${name(idx, s.activeStepId)}" is still in progress: complete, skip or fail it first.`);
      if (e.outcome === 'rolled-back' && s.lifecycle !== 'rollback')
        return reject('Only a session in rollback can end as rolled back.');
      if ((e.outcome === 'success' || e.outcome === 'success-with-issues') && s.lifecycle === 'rollback')
        return reject('A session that rolled back cannot end as a success.');
      if (e.outcome !== 'aborted' && !walking) return reject(`The session is ${s.lifecycle}; it can only be aborted.`);
      return { ok: true, state: { ...s, lifecycle: 'completed', outcome: e.outcome, completedAt: at } };
    }
  }
}

/** A step still active when the rollback starts is closed as failed, with the reason recorded. */
function stopActive(s: SessionState, at: number): Pick<SessionState, 'steps'> {
  if (!s.activeStepId) return { steps: s.steps };
  return {
    steps: {
      ...s.steps,
      [s.activeStepId]: {
        ...(s.steps[s.activeStepId] ?? emptyStep()),
        state: 'failed',
        endedAt: at,
        reason: 'Interrupted by the rollback.',
      },
    },
  };
}

/** The state of a session: the fold of its journal. */
export function replay(
  entries: readonly JournalEntry[],
  idx: StepIndex,
): { state: SessionState; rejected: { seq: number; reason: string }[] } {
  let state = initialState();
  const rejected: { seq: number; reason: string }[] = [];
  for (const e of entries) {
    const r = apply(state, e.event, Date.parse(e.time), idx);
    if (r.ok) state = { ...r.state, lastSeq: e.seq };
    else rejected.push({ seq: e.seq, reason: r.reason });
  }
  return { state, rejected };
}

/** n/N for a phase and whether its checkpoint passes (every step done or skipped with a reason). */
export function phaseProgress(
  steps: readonly Step[],
  s: SessionState,
): { done: number; total: number; passed: boolean } {
  const done = steps.filter((st) => isStepFinished(s, st.id)).length;
  return { done, total: steps.length, passed: done === steps.length };
}
