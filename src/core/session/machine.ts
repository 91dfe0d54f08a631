// The session state machine: a pure fold (state, event) → state | rejection with a reason (a catalog key and values).
// Each event type has one rule in `RULES`: its lifecycle guard as data and its fold (`*Folds.ts`).
// Invalid events are rejected whole, never half-applied; the journal only ever holds accepted ones.
import type { Runbook, Step } from '../../shared/model';
import { allSteps } from '../../shared/model';
import type { JournalEntry, SessionEvent } from '../../shared/session/events';
import type { ErrorKey } from '../../shared/i18n';
import { isStepFinished, sessionNow, type Lifecycle, type SessionState } from '../../shared/session/state';
import { phaseSteps, rollbackSteps } from '../../shared/session/timers';
import { accept, reject, type Applied, type EventOf, type Fold } from './fold';
import {
  onComplete,
  onDecision,
  onGate,
  onGoDecision,
  onHotfixResult,
  onPreflightStart,
  onRollbackDeclare,
} from './lifecycleFolds';
import {
  onBlockRole,
  onCommandRun,
  onConfirmationSet,
  onFieldSet,
  onIsolation,
  onNote,
  onSignedNote,
  onSandboxBlocked,
  onShellCommand,
  onShimCall,
  onSignOff,
  onTargetOverride,
  onTargetProbed,
  onTimerFired,
  onVariablesSet,
  onVerdict,
} from './recordFolds';
import { onStepComplete, onStepFail, onStepSkip, onStepStart } from './stepFolds';
import { initialReview } from '../../shared/review';
import { applyReview, isReviewEvent, type ReviewEvent } from '../review/fold';
import { isFinished, isWalking } from '../../shared/session/lifecycle';

export { Rejection, type Applied } from './fold';

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

type EventType = SessionEvent['type'];
const ANY: readonly Lifecycle[] = [
  'prepared',
  'preflight',
  'running',
  'monitoring',
  'rollback',
  'completed',
  'signed-off',
];
const CLOSED: readonly Lifecycle[] = ANY.filter(isFinished);
const OPEN = ANY.filter((l) => !CLOSED.includes(l));
const WALKING: readonly Lifecycle[] = ANY.filter(isWalking);
const RUNNING_OR_MONITORING: readonly Lifecycle[] = ['running', 'monitoring'];

/**
 * One event's rule: in which lifecycles it may apply (refused elsewhere with `refusal`), and its fold.
 * `malformed` is checked first, for a shape the contract cannot refuse (a hostile journal's entry).
 */
interface Rule<T extends EventType> {
  allowedIn: readonly Lifecycle[];
  refusal: ErrorKey;
  malformed?: (e: EventOf<T>) => ErrorKey | null;
  apply: Fold<T>;
}

const within = <T extends EventType>(allowedIn: readonly Lifecycle[], refusal: ErrorKey, fold: Fold<T>): Rule<T> => ({
  allowedIn,
  refusal,
  apply: fold,
});
// An open session takes every command; once completed, only notes, sign-offs and the night's recorded facts.
const open = <T extends EventType>(fold: Fold<T>): Rule<T> => within(OPEN, 'reject.session.closed', fold);
const always = <T extends EventType>(fold: Fold<T>): Rule<T> => within(ANY, 'reject.session.closed', fold);

const RULES: { [T in Exclude<EventType, 'session-created' | ReviewEvent['type']>]: Rule<T> } = {
  // After sign-off the record is closed: a later note is a new entry, and it is signed (signed-note).
  note: within(
    ANY.filter((l) => l !== 'signed-off'),
    'reject.note.signedOff',
    onNote,
  ),
  'signed-note': always(onSignedNote),
  'timer-fired': always(onTimerFired),
  'sign-off': {
    allowedIn: CLOSED,
    refusal: 'reject.signOff.notCompleted',
    // A hostile journal may hold a sign-off without one; the fold never counts it.
    malformed: (e) => (typeof e.signature !== 'object' ? 'reject.signOff.unsigned' : null),
    apply: onSignOff,
  },
  'shell-command': always(onShellCommand),
  'shim-call': always(onShimCall),
  'rehearsal-isolation': always(onIsolation),
  'sandbox-blocked': always(onSandboxBlocked),
  'target-probed': always(onTargetProbed),
  'command-run': always(onCommandRun),
  'block-role': open(onBlockRole),
  'variables-set': open(onVariablesSet),
  'preflight-start': within(['prepared'], 'reject.preflight.notPrepared', onPreflightStart),
  'go-decision': within(['preflight'], 'reject.go.notPreflight', onGoDecision),
  'step-start': within(WALKING, 'reject.step.startNotRunning', onStepStart),
  'step-complete': open(onStepComplete),
  'step-fail': open(onStepFail),
  'step-skip': within(WALKING, 'reject.step.skipNotRunning', onStepSkip),
  'field-set': open(onFieldSet),
  verdict: open(onVerdict),
  'target-override': open(onTargetOverride),
  'confirmation-set': open(onConfirmationSet),
  gate: within(['running'], 'reject.gate.notRunning', onGate),
  decision: within(RUNNING_OR_MONITORING, 'reject.decision.notRunning', onDecision),
  'rollback-declare': within(RUNNING_OR_MONITORING, 'reject.rollback.notRunning', onRollbackDeclare),
  'hotfix-result': open(onHotfixResult),
  complete: open(onComplete),
};

/** A rule's guard: a closed session refuses an event meant for an open one with its own reason first. */
function guard<T extends EventType>(rule: Rule<T>, s: SessionState): Applied | null {
  if (rule.allowedIn.includes(s.lifecycle)) return null;
  const openOnly = rule.allowedIn.every((l) => !CLOSED.includes(l));
  if (openOnly && CLOSED.includes(s.lifecycle)) return reject('reject.session.closed');
  return reject(rule.refusal, { lifecycle: s.lifecycle });
}

const created = (e: EventOf<'session-created'>, wallTime: number): Applied =>
  accept({
    ...initialState(),
    sessionId: e.sessionId,
    title: e.title,
    runbookSha256: e.runbookSha256,
    rehearsal: e.rehearsal,
    speed: e.speed,
    operator: e.operator,
    createdAt: wallTime,
    createdWallAt: wallTime,
  });

/** Apply one event. `wallTime` is the journal entry's wall-clock time (ms). */
export function apply(s: SessionState, e: SessionEvent, wallTime: number, idx: StepIndex): Applied {
  if (e.type === 'session-created') return s.sessionId ? reject('reject.session.exists') : created(e, wallTime);
  if (!s.sessionId) return reject('reject.session.notCreated');
  // RULES is keyed by the event's type, so rule and event agree; TypeScript cannot follow that through the union.
  // Four eyes has its own fold (core/review/fold.ts).
  if (isReviewEvent(e)) return applyReview(s, e, sessionNow(s, wallTime), idx, CLOSED.includes(s.lifecycle));
  const rule = RULES[e.type] as Rule<typeof e.type>;
  const bad = rule.malformed?.(e as never);
  if (bad) return reject(bad);
  return guard(rule, s) ?? rule.apply(s, e as never, { at: sessionNow(s, wallTime), idx });
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
