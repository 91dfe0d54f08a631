// The point of no return: the latest moment a rollback can start and still finish inside the window —
// the rollback deadline (or the window's end, when earlier) minus the rollback's own duration: the
// runbook's stated rollback time (`ロールバック所要時間: 約10分`), else the sum of its steps' estimates.
import type { Runbook } from '../model';
import type { SessionState } from './state';

const MIN = 60_000;
const STATED_JA = /(?:ロールバック|切り戻し)(?:の)?所要時間\**\s*[:：]?\s*\**\s*(?:約|およそ)?\s*(\d{1,4})\s*分/;
const STATED_EN = /rollback (?:takes|time|duration)\**\s*[:：]?\s*\**\s*(?:about|~|≈)?\s*(\d{1,4})\s*min/i;

/** The rollback time a runbook states in its prose, in minutes; null when it states none (or `XX分`). */
export function statedRollbackMinutes(text: string): number | null {
  const t = text.length > 2_000_000 ? text.slice(0, 2_000_000) : text;
  const m = STATED_JA.exec(t) ?? STATED_EN.exec(t);
  const n = m ? Number(m[1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

export interface RollbackEstimate {
  minutes: number;
  source: 'stated' | 'steps';
}

/** The rollback's own estimate: stated, else the sum of its steps' 所要時間; null when neither is known. */
export function rollbackEstimateMinutes(model: Runbook, text: string): RollbackEstimate | null {
  const stated = statedRollbackMinutes(text);
  if (stated !== null) return { minutes: stated, source: 'stated' };
  const steps = model.rollback?.phases.flatMap((p) => p.steps) ?? [];
  const known = steps.map((s) => s.estimateMinutes).filter((n): n is number => n !== null);
  return known.length ? { minutes: known.reduce((a, b) => a + b, 0), source: 'steps' } : null;
}

export interface NoReturn {
  /** Session-clock instant after which a rollback started now would not finish in time. */
  at: number;
  /** What it must finish before: the rollback deadline or the window's end. */
  end: number;
  estimateMinutes: number;
}

export function pointOfNoReturn(
  model: Runbook,
  s: SessionState,
  text: string,
  limitMinutes: number,
  windowEnd: number | null,
): NoReturn | null {
  if (s.releaseStartedAt === null) return null;
  const est = rollbackEstimateMinutes(model, text);
  if (!est) return null;
  const deadline = s.releaseStartedAt + limitMinutes * MIN;
  const end = windowEnd !== null && windowEnd < deadline ? windowEnd : deadline;
  return { at: end - est.minutes * MIN, end, estimateMinutes: est.minutes };
}
