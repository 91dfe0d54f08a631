// The monitoring phase as the runbook writes it: a schedule table (時刻 | 確認項目 | … | 完了) read as
// timed checkpoints after monitoring starts, and metrics tables (指標 | 正常範囲 | 実測値 | 判定) read
// as ranges a measured value can be judged against.
import type { FillTable, Runbook } from '../model';

export interface Checkpoint {
  /** Minutes after monitoring starts. */
  minutes: number;
  /** What is checked then (確認項目), as written. */
  what: string;
  /** The cell that records it done, when the table has one. */
  fieldId: string | null;
}

const SCHEDULE_HEADER = /^(時刻|時間|タイミング|time|when|checkpoint)$/i;
const RANGE_HEADER = /正常範囲|基準|閾値|normal|range|threshold|target/i;
const MEASURED_HEADER = /実測|測定|計測|結果|measured|actual|value/i;

/** "リリース直後" → 0, "+30分" → 30, "+1時間" → 60, "+24h" → 1440, "T+90 min" → 90; null when not an offset. */
export function offsetMinutes(label: string): number | null {
  const s = label.trim();
  if (/^(リリース直後|直後|開始時|immediately|right after|at release|t\s*\+?\s*0)$/i.test(s)) return 0;
  const m = /^(?:t\s*)?\+\s*(\d+(?:\.\d+)?)\s*(分|min(?:utes?)?|m|時間|h(?:ours?)?|日|d(?:ays?)?)$/i.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  if (unit === '分' || unit.startsWith('m')) return n;
  if (unit === '時間' || unit.startsWith('h')) return n * 60;
  return n * 1440;
}

export function isScheduleTable(t: FillTable): boolean {
  return SCHEDULE_HEADER.test((t.headers[0] ?? '').trim()) && t.rows.some((r) => offsetMinutes(r[0] ?? '') !== null);
}

/** The checkpoints of the runbook's monitoring schedule, in order; empty when it has none. */
export function monitoringSchedule(model: Runbook): Checkpoint[] {
  for (const step of [...model.phases.flatMap((p) => p.steps), ...(model.completion?.steps ?? [])])
    for (const t of step.tables) {
      if (!isScheduleTable(t)) continue;
      const out: Checkpoint[] = [];
      t.rows.forEach((r, i) => {
        const minutes = offsetMinutes(r[0] ?? '');
        if (minutes !== null)
          out.push({
            minutes,
            what: r[1] ?? '',
            fieldId: (t.fieldIds[i] ?? []).filter((x): x is string => x !== null).pop() ?? null,
          });
      });
      return out.sort((a, b) => a.minutes - b.minutes);
    }
  return [];
}

export interface MetricsColumns {
  range: number;
  measured: number;
}

/** Which columns hold the normal range and the measured value, when this is a metrics table. */
export function metricsColumns(t: FillTable): MetricsColumns | null {
  const range = t.headers.findIndex((h) => RANGE_HEADER.test(h));
  const measured = t.headers.findIndex((h) => MEASURED_HEADER.test(h));
  return range >= 0 && measured >= 0 && range !== measured ? { range, measured } : null;
}

export type RangeVerdict = 'ok' | 'out' | null;

const num = (s: string): number | null => {
  const m = /-?\d+(?:[.,]\d+)?/.exec(s.replace(/[,，](?=\d{3}\b)/g, ''));
  return m ? Number(m[0].replace(',', '.')) : null;
};

/**
 * Judge a measured value against a range as runbooks write it: "0.1%以下", "3秒以内", "80%未満",
 * "99.9%以上", "≤ 80%", "< 3s", "at most 5", "10〜20", "1-5 件". Null when either cannot be read:
 * the operator judges by eye then.
 */
export function judgeRange(range: string, measured: string): RangeVerdict {
  const v = num(measured);
  if (v === null || !range.trim()) return null;
  const r = range.trim();
  const between = /(-?\d+(?:\.\d+)?)\s*[^\d\s]{0,3}\s*[〜~～–-]\s*(-?\d+(?:\.\d+)?)/.exec(r);
  if (between) return v >= Number(between[1]) && v <= Number(between[2]) ? 'ok' : 'out';
  const limit = num(r);
  if (limit === null) return null;
  if (/未満|</.test(r) || /\bbelow\b|\bless than\b|\bunder\b/i.test(r)) return v < limit ? 'ok' : 'out';
  if (/超|>(?!=)/.test(r) || /\babove\b|\bmore than\b|\bover\b/i.test(r)) return v > limit ? 'ok' : 'out';
  if (/以上|≥|>=/.test(r) || /\bat least\b|\bminimum\b|\bmin\b/i.test(r)) return v >= limit ? 'ok' : 'out';
  if (/以下|以内|≤|<=/.test(r) || /\bat most\b|\bwithin\b|\bmax(imum)?\b|\bup to\b/i.test(r))
    return v <= limit ? 'ok' : 'out';
  return null;
}
