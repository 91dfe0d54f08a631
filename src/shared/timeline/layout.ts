// Planned versus actual, as data: each phase and step as planned (estimates laid end to end from Go)
// and as it happened (start → end, by outcome), with the night's markers. Pure: the live panel, the
// HTML/PDF exports and the rehearsal report all draw this same layout (timeline/svg.ts).
import type { Phase, Runbook, Step } from '../model';
import type { SessionState } from '../session/state';
import type { Baselines } from './percentile';
import { PROGRESS_INTERVAL_MIN, plannedWindowEnd, rollbackLimitMinutes } from '../session/timers';

const MIN = 60_000;

export type ActualOutcome = 'done' | 'skipped' | 'failed' | 'overran' | 'active';
export type MarkerKind =
  'go' | 'decision' | 'rollback' | 'deadline' | 'window-end' | 'progress-report' | 'point-of-no-return' | 'now';

export interface Span {
  start: number;
  end: number;
}
export interface TimelineRow {
  id: string;
  label: string;
  level: 'phase' | 'step';
  planned: Span | null;
  actual: (Span & { outcome: ActualOutcome }) | null;
  /** Past runs of this step: where p50 and p90 of its duration fall, counted from its (actual or planned) start. */
  band: Span | null;
  /** A phase planned longer than the night (post-release monitoring): its plan runs off the edge. */
  watch?: boolean;
}
export interface TimelineMarker {
  kind: MarkerKind;
  at: number;
  /** What it is about (a decision's choice, a report's number); the renderer words it. */
  detail: string;
}
export interface Timeline {
  /** Session-clock ms the axis counts from: Go, or creation before Go. */
  origin: number;
  end: number;
  rows: TimelineRow[];
  markers: TimelineMarker[];
}

export type { Baselines };

export interface TimelineInput {
  model: Runbook;
  state: SessionState;
  /** Session-clock now: where live bars end. */
  now: number;
  baselines?: Baselines | undefined;
  /** The point of no return, when the session knows one (session-clock ms). */
  pointOfNoReturn?: number | null | undefined;
}

/**
 * Minutes a step is planned to take: its own estimate, else an equal share of its group's estimate,
 * else null (it takes no room on the plan, and nothing says it overran).
 */
export function plannedMinutes(step: Step, siblings: Step[]): number | null {
  if (step.estimateMinutes !== null) return step.estimateMinutes;
  if (step.groupEstimateMinutes === null) return null;
  const shared = siblings.filter((s) => s.group === step.group && s.estimateMinutes === null).length;
  return step.groupEstimateMinutes / Math.max(1, shared);
}

function stepActual(
  state: SessionState,
  step: Step,
  plannedMin: number | null,
  baselines: Baselines | undefined,
  now: number,
): TimelineRow['actual'] {
  const r = state.steps[step.id];
  if (!r || r.state === 'pending') return null;
  const start = r.startedAt ?? r.endedAt;
  if (start === null) return null;
  const end = r.endedAt ?? now;
  const limit = baselines?.[step.id]?.p90 ?? plannedMin;
  const over = limit !== null && end - start > limit * MIN;
  if (r.state === 'skipped' || r.state === 'failed') return { start, end, outcome: r.state };
  if (over) return { start, end, outcome: 'overran' };
  return { start, end, outcome: r.state === 'active' ? 'active' : 'done' };
}

function phaseActual(phase: Phase, steps: TimelineRow[], plannedSpan: Span | null): TimelineRow['actual'] {
  const acts = steps.map((s) => s.actual).filter((a): a is NonNullable<TimelineRow['actual']> => a !== null);
  if (!acts.length) return null;
  const start = Math.min(...acts.map((a) => a.start));
  const end = Math.max(...acts.map((a) => a.end));
  const has = (o: ActualOutcome) => acts.some((a) => a.outcome === o);
  const budget =
    phase.budgetMinutes !== null ? phase.budgetMinutes * MIN : plannedSpan ? plannedSpan.end - plannedSpan.start : null;
  let outcome: ActualOutcome = 'done';
  if (has('failed')) outcome = 'failed';
  else if (acts.length === phase.steps.length && acts.every((a) => a.outcome === 'skipped')) outcome = 'skipped';
  else if ((budget !== null && budget > 0 && end - start > budget) || has('overran')) outcome = 'overran';
  else if (has('active') || acts.length < phase.steps.length) outcome = 'active';
  return { start, end, outcome };
}

/** Lay one phase from `from`: its steps end to end; the phase as long as its budget or its steps, the longer. */
function layPhase(
  input: TimelineInput,
  phase: Phase,
  from: number | null,
): { rows: TimelineRow[]; next: number | null } {
  const { state, baselines, now } = input;
  let cursor = from;
  const stepRows = phase.steps.map((step): TimelineRow => {
    const mins = plannedMinutes(step, phase.steps);
    const planned = cursor !== null && mins !== null ? { start: cursor, end: cursor + mins * MIN } : null;
    if (planned) cursor = planned.end;
    const actual = stepActual(state, step, mins, baselines, now);
    const b = baselines?.[step.id];
    const bandFrom = actual?.start ?? planned?.start ?? null;
    const band = b && bandFrom !== null ? { start: bandFrom + b.p50 * MIN, end: bandFrom + b.p90 * MIN } : null;
    return { id: step.id, label: step.title, level: 'step', planned, actual, band };
  });
  const stepsEnd = cursor;
  // A budget longer than the rollback decision window (リリース後24時間) is a watch period, not the night's
  // work: it is drawn running off the edge, and neither stretches the axis nor pushes the next phase.
  const watch = phase.budgetMinutes !== null && phase.budgetMinutes > rollbackLimitMinutes(input.model);
  const budgetEnd = from !== null && phase.budgetMinutes !== null ? from + phase.budgetMinutes * MIN : null;
  const end = Math.max(stepsEnd ?? -Infinity, budgetEnd ?? -Infinity);
  const planned = from !== null && Number.isFinite(end) && end > from ? { start: from, end } : null;
  const actual = phaseActual(phase, stepRows, planned);
  const head: TimelineRow = { id: phase.id, label: phase.title, level: 'phase', planned, actual, band: null, watch };
  return { rows: [head, ...stepRows], next: watch ? stepsEnd : planned ? planned.end : from };
}

function markers(input: TimelineInput, origin: number): TimelineMarker[] {
  const { model, state, now } = input;
  const out: TimelineMarker[] = [];
  const go = state.releaseStartedAt;
  if (go !== null) out.push({ kind: 'go', at: go, detail: state.go?.by ?? '' });
  for (const d of state.decisions) out.push({ kind: 'decision', at: d.at, detail: d.choice });
  if (state.rollback) out.push({ kind: 'rollback', at: state.rollback.at, detail: state.rollback.by });
  if (go !== null)
    out.push({
      kind: 'deadline',
      at: go + rollbackLimitMinutes(model) * MIN,
      detail: String(rollbackLimitMinutes(model)),
    });
  // A rehearsal's clock is not the planned night's: its window end would be hours off, as the timers know.
  const windowEnd = state.rehearsal ? null : plannedWindowEnd(model.metadata.window);
  if (windowEnd !== null && windowEnd > origin && windowEnd - origin < 24 * 60 * MIN)
    out.push({ kind: 'window-end', at: windowEnd, detail: '' });
  if (input.pointOfNoReturn != null) out.push({ kind: 'point-of-no-return', at: input.pointOfNoReturn, detail: '' });
  const live = state.completedAt === null;
  const last = live ? now : state.completedAt!;
  if (go !== null)
    for (
      let k = 1, at = go + PROGRESS_INTERVAL_MIN * MIN;
      at <= last && k <= 200;
      k++, at += PROGRESS_INTERVAL_MIN * MIN
    )
      out.push({ kind: 'progress-report', at, detail: String(k) });
  if (live && go !== null) out.push({ kind: 'now', at: now, detail: '' });
  return out.sort((a, b) => a.at - b.at);
}

/** The whole night as rows and markers: the release's phases, the completion report, and the rollback once declared. */
export function timelineLayout(input: TimelineInput): Timeline {
  const { model, state } = input;
  const origin = state.releaseStartedAt ?? state.createdAt;
  const rows: TimelineRow[] = [];
  let cursor: number | null = state.releaseStartedAt;
  for (const phase of [...model.phases, ...(model.completion ? [model.completion] : [])]) {
    const laid = layPhase(input, phase, cursor);
    rows.push(...laid.rows);
    cursor = laid.next;
  }
  // The rollback is planned from the moment it was declared; before that it is not part of the night.
  if (state.rollback) {
    let rb: number | null = state.rollback.at;
    for (const phase of model.rollback?.phases ?? []) {
      const laid = layPhase(input, phase, rb);
      rows.push(...laid.rows);
      rb = laid.next;
    }
  }
  const ms = markers(input, origin);
  const ends = [
    origin + 15 * MIN,
    ...rows.flatMap((r) => [r.watch ? undefined : r.planned?.end, r.actual?.end, r.band?.end]),
    ...ms.map((m) => m.at),
  ].filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return { origin, end: Math.max(...ends), rows, markers: ms };
}
