// Every clock of the night, derived from recorded instants only (never from counting ticks), so it is
// right after sleep, restart or crash. Core fires due timers into the journal; the renderer shows
// countdowns with the same function.
import type { Runbook, Step } from '../model';
import type { TimerKind } from './events';
import { monitoringSchedule, type Checkpoint } from './monitoring';
import { pointOfNoReturn, type NoReturn } from './noReturn';
import { isFinished } from './lifecycle';
import { isStepFinished, type SessionState } from './state';
import type { Baselines } from '../timeline/percentile';

export interface Timer {
  key: string;
  kind: TimerKind;
  /** Short English label; the UI translates by kind. */
  label: string;
  dueAt: number;
  ref?: string;
}

const MIN = 60_000;
export const DEFAULT_ROLLBACK_LIMIT_MIN = 120;
export const PROGRESS_INTERVAL_MIN = 15;
export const HOTFIX_MIN = 30;
/** The seeds' post-release monitoring schedule, in minutes after monitoring starts. */
export const MONITORING_SCHEDULE_MIN = [30, 60, 180, 360, 1440];

/** The runbook's own schedule table, or the seeds' schedule when it has none. */
export function checkpoints(model: Runbook): Checkpoint[] {
  const own = monitoringSchedule(model);
  return own.length ? own : MONITORING_SCHEDULE_MIN.map((minutes) => ({ minutes, what: '', fieldId: null }));
}

export function phaseSteps(model: Runbook): Step[] {
  return model.phases.flatMap((p) => p.steps);
}
export function rollbackSteps(model: Runbook): Step[] {
  return model.rollback?.phases.flatMap((p) => p.steps) ?? [];
}

export function rollbackLimitMinutes(model: Runbook): number {
  return model.rollback?.timeLimitMinutes ?? DEFAULT_ROLLBACK_LIMIT_MIN;
}

/** "2026/12/03 01:00 ~ 03:00" → the end instant (local time), or null when it cannot be read. */
export function plannedWindowEnd(window: string | null): number | null {
  if (!window) return null;
  const m =
    /(\d{4})[/-](\d{1,2})[/-](\d{1,2})\s+(\d{1,2}):(\d{2})\s*[~〜～-]\s*(?:(\d{4})[/-](\d{1,2})[/-](\d{1,2})\s+)?(\d{1,2}):(\d{2})/.exec(
      window,
    );
  if (!m) return null;
  const [y, mo, d] = m[6] ? [m[6], m[7], m[8]] : [m[1], m[2], m[3]];
  const end = new Date(Number(y), Number(mo) - 1, Number(d), Number(m[9]), Number(m[10]));
  const start = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (end.getTime() <= start.getTime() && !m[6]) end.setDate(end.getDate() + 1);
  return Number.isNaN(end.getTime()) ? null : end.getTime();
}

/** The active step's overrun (against past runs' p90 when known) and timeout. */
function stepTimers(model: Runbook, s: SessionState, baselines: Baselines | undefined): Timer[] {
  const out: Timer[] = [];
  const active = s.activeStepId
    ? [...phaseSteps(model), ...rollbackSteps(model)].find((st) => st.id === s.activeStepId)
    : undefined;
  const rec = s.activeStepId ? s.steps[s.activeStepId] : undefined;
  if (!active || rec?.startedAt == null) return out;
  // A step without its own estimate is held to its group's (generous, never silent).
  const p90 = baselines?.[active.id]?.p90;
  const estimate = p90 ?? active.estimateMinutes ?? active.groupEstimateMinutes;
  const what = p90 !== undefined ? `past runs' p90 of ${p90} min` : `${estimate} min estimate`;
  if (estimate !== null)
    out.push({
      key: `step-overrun:${active.id}:${rec.startedAt}`,
      kind: 'step-overrun',
      label: `"${active.title}" is over its ${what}`,
      dueAt: rec.startedAt + estimate * MIN,
      ref: active.id,
    });
  if (active.timeoutMinutes !== null)
    out.push({
      key: `step-timeout:${active.id}:${rec.startedAt}`,
      kind: 'step-timeout',
      label: `"${active.title}" reached its ${active.timeoutMinutes} min timeout: escalate`,
      dueAt: rec.startedAt + active.timeoutMinutes * MIN,
      ref: active.id,
    });
  return out;
}

/** Each phase with a budget, begun and not finished. */
function phaseTimers(model: Runbook, s: SessionState): Timer[] {
  const out: Timer[] = [];
  for (const p of model.phases) {
    if (p.budgetMinutes === null) continue;
    const starts = p.steps.map((st) => s.steps[st.id]?.startedAt).filter((t): t is number => typeof t === 'number');
    const finished = p.steps.every((st) => isStepFinished(s, st.id));
    if (starts.length && !finished) {
      const t0 = Math.min(...starts);
      out.push({
        key: `phase-overrun:${p.id}:${t0}`,
        kind: 'phase-overrun',
        label: `${p.title}: over its ${p.budgetMinutes} min budget`,
        dueAt: t0 + p.budgetMinutes * MIN,
        ref: p.id,
      });
    }
  }
  return out;
}

/** The rollback decision deadline, its warnings, and the point of no return (while running or monitoring). */
function deadlineTimers(model: Runbook, s: SessionState, text: string, windowEnd: number | null): Timer[] {
  const out: Timer[] = [];
  const start = s.releaseStartedAt!;
  const deadline = start + rollbackLimitMinutes(model) * MIN;
  // A warning that would fall at or before the release start (a short time limit) is not a warning.
  if (deadline - 30 * MIN > start)
    out.push({
      key: 'deadline-30',
      kind: 'deadline-30',
      label: '30 minutes to the rollback decision deadline',
      dueAt: deadline - 30 * MIN,
    });
  if (deadline - 10 * MIN > start)
    out.push({
      key: 'deadline-10',
      kind: 'deadline-10',
      label: '10 minutes to the rollback decision deadline',
      dueAt: deadline - 10 * MIN,
    });
  out.push({
    key: 'deadline',
    kind: 'deadline',
    label: 'The rollback decision deadline has passed: roll back',
    dueAt: deadline,
  });
  out.push(...noReturnTimers(pointOfNoReturn(model, s, text, rollbackLimitMinutes(model), windowEnd), start));
  return out;
}

/** Monitoring checkpoints not yet ticked off in their table. */
function monitoringTimers(model: Runbook, s: SessionState, monitoringStartedAt: number): Timer[] {
  const out: Timer[] = [];
  for (const c of checkpoints(model)) {
    // A checkpoint already ticked off in its table needs no reminder.
    if (c.fieldId && s.fields[c.fieldId]?.value.trim()) continue;
    const when = c.minutes >= 60 ? `${c.minutes / 60} h` : `${c.minutes} min`;
    out.push({
      key: `monitoring:${c.minutes}`,
      kind: 'monitoring-checkpoint',
      label: `Monitoring checkpoint +${when}${c.what ? `: ${c.what}` : ''}`,
      dueAt: monitoringStartedAt + c.minutes * MIN,
      ref: String(c.minutes),
    });
  }
  return out;
}

/** The timers that apply to this session now, fired or not. */
/** `baselines`: past runs of this runbook; a step's p90 there, when known, is what its overrun is measured against. */
export function scheduledTimers(
  model: Runbook,
  s: SessionState,
  now: number,
  text = '',
  baselines?: Baselines,
): Timer[] {
  if (isFinished(s.lifecycle) || s.releaseStartedAt === null) return [];
  const start = s.releaseStartedAt;
  const out: Timer[] = [...stepTimers(model, s, baselines), ...phaseTimers(model, s)];
  const windowEnd = s.rehearsal ? null : plannedWindowEnd(model.metadata.window);
  if (windowEnd !== null)
    out.push({
      key: `window-end:${windowEnd}`,
      kind: 'window-end',
      label: 'The planned maintenance window ends',
      dueAt: windowEnd,
    });
  if (s.lifecycle === 'running' || s.lifecycle === 'monitoring') out.push(...deadlineTimers(model, s, text, windowEnd));
  if (s.hotfix && s.hotfix.fixed === null)
    out.push({
      key: `hotfix:${s.hotfix.startedAt}`,
      kind: 'hotfix-expired',
      label: `The ${HOTFIX_MIN} min hotfix time is up: roll back if it is not fixed`,
      dueAt: s.hotfix.startedAt + HOTFIX_MIN * MIN,
    });
  // Progress reports: only the latest due one and the next, so a restart after hours does not flood.
  const n = Math.max(1, Math.floor((now - start) / (PROGRESS_INTERVAL_MIN * MIN)));
  for (const k of [n, n + 1])
    out.push({
      key: `progress-report:${k}`,
      kind: 'progress-report',
      label: 'Time for the progress report',
      dueAt: start + k * PROGRESS_INTERVAL_MIN * MIN,
    });
  if (s.monitoringStartedAt !== null) out.push(...monitoringTimers(model, s, s.monitoringStartedAt));
  return out.sort((a, b) => a.dueAt - b.dueAt);
}

/** 15 and 5 minutes before the point of no return, and the moment itself (none before the release start). */
function noReturnTimers(p: NoReturn | null, start: number): Timer[] {
  if (!p) return [];
  const at = (d: number) => p.at - d * MIN;
  const rest = `a ${p.estimateMinutes} min rollback started later ends after the limit`;
  return (
    [
      [15, 'no-return-15'],
      [5, 'no-return-5'],
      [0, 'no-return'],
    ] as const
  )
    .filter(([d]) => at(d) > start)
    .map(([d, kind]) => ({
      key: kind,
      kind,
      label: d ? `${d} minutes to the point of no return: ${rest}` : `The point of no return: ${rest}`,
      dueAt: at(d),
    }));
}

export function dueTimers(model: Runbook, s: SessionState, now: number, text = '', baselines?: Baselines): Timer[] {
  return scheduledTimers(model, s, now, text, baselines).filter((t) => t.dueAt <= now && s.fired[t.key] === undefined);
}

export function nextTimer(model: Runbook, s: SessionState, now: number, kind?: TimerKind, text = ''): Timer | null {
  return scheduledTimers(model, s, now, text).find((t) => t.dueAt > now && (!kind || t.kind === kind)) ?? null;
}
