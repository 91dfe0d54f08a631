// Blanks the session itself can fill: when the release started and finished, how long it took, and
// when a step's command ended. A value the operator typed always wins; these fill what was left empty.
import type { Field, Step } from '../model';
import type { SessionState } from './state';

export type KnownKind = 'started' | 'finished' | 'duration' | 'step-end';

const KINDS: [KnownKind, RegExp][] = [
  ['started', /^(リリース開始(時刻)?|作業開始(時刻)?|release start(ed)?|started( at)?|start time)$/i],
  ['finished', /^(リリース完了(時刻)?|作業完了(時刻)?|release (finished|completed|end)|finished|completed|end time)$/i],
  ['duration', /^(所要時間|実績所要時間|作業時間|duration|total time|time taken)$/i],
  ['step-end', /(完了時刻|確認時刻|終了時刻|completed at|finished at|checked at|done at)$/i],
];

export function knownKind(label: string): KnownKind | null {
  const l = label
    .replace(/[*_`:：\s]+$/g, '')
    .replace(/^[*_`\s]+/, '')
    .trim();
  return KINDS.find(([, re]) => re.test(l))?.[0] ?? null;
}

/** The instant a kind stands for, from the journal's state; null when the session does not know it yet. */
export function knownInstant(kind: Exclude<KnownKind, 'duration'>, step: Step, s: SessionState): number | null {
  if (kind === 'started') return s.releaseStartedAt ?? s.go?.at ?? null;
  if (kind === 'finished') return s.completedAt;
  const ends = Object.values(s.commandRuns)
    .filter((r) => r.stepId === step.id)
    .map((r) => r.endedAt);
  return ends.length ? Math.max(...ends) : (s.steps[step.id]?.endedAt ?? null);
}

export interface KnownFormat {
  time(ms: number): string;
  span(ms: number): string;
}

/** The value the session knows for this blank, formatted; null when it knows none. */
export function knownValue(field: Pick<Field, 'label'>, step: Step, s: SessionState, fmt: KnownFormat): string | null {
  const kind = knownKind(field.label);
  if (!kind) return null;
  if (kind === 'duration') {
    const from = knownInstant('started', step, s);
    const to = knownInstant('finished', step, s);
    return from !== null && to !== null && to >= from ? fmt.span(to - from) : null;
  }
  const at = knownInstant(kind, step, s);
  return at === null ? null : fmt.time(at);
}
