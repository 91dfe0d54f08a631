// The session state: never stored, always the fold of the journal (core/session/machine.ts).
import type { Comparison, Outcome } from './events';
import type { BlockRole, TargetKind } from '../model';
import type { ReviewState } from '../review';

export type Lifecycle = 'prepared' | 'preflight' | 'running' | 'monitoring' | 'rollback' | 'completed' | 'signed-off';
export type StepState = 'pending' | 'active' | 'done' | 'skipped' | 'failed';

export interface StepRecord {
  state: StepState;
  startedAt: number | null;
  endedAt: number | null;
  /** Why it was skipped or failed. */
  reason: string | null;
  /** Why it was started out of order, when it was. */
  override: string | null;
}

export interface SessionState {
  sessionId: string;
  title: string;
  runbookSha256: string;
  rehearsal: boolean;
  speed: number;
  operator: string;
  lifecycle: Lifecycle;
  outcome: Outcome | null;
  /** Times are session-clock milliseconds (wall clock, or faster in a sped-up rehearsal). */
  createdAt: number;
  /** Wall-clock ms of creation: the anchor of the session clock. */
  createdWallAt: number;
  releaseStartedAt: number | null;
  monitoringStartedAt: number | null;
  completedAt: number | null;
  variables: Record<string, string>;
  go: { decision: 'go' | 'no-go'; by: string; reason: string; at: number } | null;
  steps: Record<string, StepRecord>;
  activeStepId: string | null;
  fields: Record<string, { value: string; at: number }>;
  confirmations: Record<string, { checked: boolean; at: number }>;
  gate: { healthy: boolean; by: string; at: number } | null;
  decisions: { choice: 'continue' | 'hotfix' | 'rollback'; reason: string; by: string; trigger: string; at: number }[];
  rollback: { reason: string; by: string; at: number } | null;
  hotfix: { startedAt: number; fixed: boolean | null } | null;
  /** The latest notes (up to 100); all of them are in the journal. */
  notes: { text: string; by: string; at: number }[];
  noteCount: number;
  signOffs: { by: string; role: 'operator' | 'approver'; at: number; fingerprint?: string }[];
  /** The last run of each runbook command (by command id). */
  commandRuns: Record<string, CommandRunRecord>;
  /** Something the operator must decide on now (a failed check): the rollback question listens to it. */
  attention: {
    kind: 'check-failed' | 'verdict-error' | 'step-failed' | 'review-hold';
    stepId: string;
    commandId: string | null;
    detail: string;
    at: number;
  } | null;
  /** The last verdict given on each step's criteria. */
  verdicts: Record<string, { level: 'ok' | 'warn' | 'error'; criterion: string; by: string; at: number }>;
  /** Block roles the operator corrected (block id → role): the session's runbook is read with them. */
  roles: Record<string, BlockRole>;
  /** A rehearsal's isolation, as its sandbox recorded it (null: not recorded). */
  isolation: {
    kind: 'bwrap' | 'unshare' | 'sandbox-exec' | 'shims-only';
    observer: 'strace' | null;
    note: string;
  } | null;
  /** Attempts the rehearsal sandbox refused, counted (the journal has each). */
  blockedCount: number;
  /** Commands typed in the session's terminals, counted (the journal has them all). */
  shellCommandCount: number;
  /** The last probe of each kind in each terminal (terminal id → kind → what it answered). */
  targets: Record<string, Partial<Record<TargetKind, TargetProbe>>>;
  /** Runs the operator let through on another target than the runbook's, with the reason. */
  targetOverrides: {
    stepId: string;
    kind: TargetKind;
    expected: string;
    actual: string;
    reason: string;
    by: string;
    at: number;
  }[];
  /** Timers already fired (key → session time fired), so each fires once even across restarts. */
  fired: Record<string, number>;
  /** The last timers fired, newest last, for the UI's banner. */
  alerts: { key: string; kind: string; label: string; at: number; ref?: string }[];
  /** The second pair of eyes: four-eyes toggles, requests, signed decisions, who is connected. */
  review: ReviewState;
  lastSeq: number;
}

export interface TargetProbe {
  actual: string;
  expected: string;
  ok: boolean;
  stepId: string;
  at: number;
}

export interface CommandRunRecord {
  stepId: string;
  exitCode: number | null;
  comparison: Comparison;
  /** The output tail, for the step card (the journal keeps up to 16 KB, the transcript all of it). */
  output: string;
  truncated: boolean;
  startedAt: number;
  endedAt: number;
  transcript: { file: string; fromLine: number; toLine: number } | null;
}

/** The session clock: wall time, or faster by `speed` in a rehearsal, anchored at creation. */
export function sessionNow(
  state: Pick<SessionState, 'createdAt' | 'createdWallAt' | 'speed'>,
  wallNow: number,
): number {
  return state.createdAt + (wallNow - state.createdWallAt) * state.speed;
}

/** A step counts as finished (for order, checkpoints and progress) when it is done or skipped with a reason. */
export function isStepFinished(s: Pick<SessionState, 'steps'>, stepId: string): boolean {
  const st = s.steps[stepId]?.state;
  return st === 'done' || st === 'skipped';
}
