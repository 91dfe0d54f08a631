// What every event's fold shares: its outcome (a new state, or a refusal worded from the catalog) and small helpers.
import { englishOf, type ErrorKey, type Values, type Worded } from '../../shared/i18n';
import type { SessionEvent } from '../../shared/session/events';
import type { SessionState, StepRecord } from '../../shared/session/state';
import type { StepIndex } from './machine';

/**
 * A refused event. `reason` is English (logs, CLI, the journal's replay report); `worded` is the catalog key and its
 * values, so the UI can say it in the operator's language. `worded` is a getter over a private field: a refusal
 * still compares equal to `{ ok: false, reason }`.
 */
export class Rejection {
  readonly ok = false as const;
  readonly reason: string;
  readonly #worded: Worded;

  constructor(worded: Worded) {
    this.#worded = worded;
    this.reason = englishOf(worded);
  }

  get worded(): Worded {
    return this.#worded;
  }
}

export type Applied = { ok: true; state: SessionState } | Rejection;

export const reject = (code: ErrorKey, values: Values = {}): Applied => new Rejection({ code, values });
export const accept = (state: SessionState): Applied => ({ ok: true, state });

export type EventOf<T extends SessionEvent['type']> = Extract<SessionEvent, { type: T }>;

/** What a fold reads besides the state and the event: the session clock's now, and the runbook's steps. */
export interface FoldContext {
  at: number;
  idx: StepIndex;
}

export type Fold<T extends SessionEvent['type']> = (s: SessionState, e: EventOf<T>, c: FoldContext) => Applied;

export const emptyStep = (): StepRecord => ({
  state: 'pending',
  startedAt: null,
  endedAt: null,
  reason: null,
  override: null,
});

export function withStep(s: SessionState, id: string, patch: Partial<StepRecord>): SessionState {
  return { ...s, steps: { ...s.steps, [id]: { ...(s.steps[id] ?? emptyStep()), ...patch } } };
}

export const stepState = (s: SessionState, id: string): StepRecord['state'] => s.steps[id]?.state ?? 'pending';

/** A step as the operator knows it: its title. */
export function stepName(idx: StepIndex, id: string): string {
  return idx.byId.get(id)?.title ?? id;
}

/** A step still active when the rollback starts is closed as failed, with the reason recorded. */
export function stopActive(s: SessionState, at: number): Pick<SessionState, 'steps'> {
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
