// Rehearsal baselines: how long each step really took in past rehearsals and real runs on this machine.
// A past session counts when its runbook has the same hash, or the same title (another version of the
// same procedure); its steps are matched by id. Only steps started and completed count (a skip or a
// failure says nothing about how long the work takes). Durations are in session-clock minutes, as the
// timeline and the overrun timer count them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Runbook } from '../../shared/model';
import type { JournalEntry } from '../../shared/session/events';
import type { Baselines } from '../../shared/timeline/layout';
import { percentile } from '../../shared/timeline/percentile';
import { allSteps } from '../../shared/model';
import { JOURNAL_FILE, verifyJournalText } from '../session/journal';

const MIN = 60_000;
export const MAX_SESSIONS_READ = 200;

export interface PastRun {
  sessionId: string;
  rehearsal: boolean;
  sameHash: boolean;
  /** Minutes per step id. */
  minutes: Record<string, number>;
}

/** Each completed step's minutes in one journal (session clock: wall time × the rehearsal's speed). */
export function stepMinutes(entries: JournalEntry[]): Record<string, number> {
  const created = entries[0]?.event;
  const speed = created?.type === 'session-created' ? created.speed : 1;
  const started = new Map<string, number>();
  const out: Record<string, number> = {};
  for (const e of entries) {
    const at = Date.parse(e.time);
    if (e.event.type === 'step-start') started.set(e.event.stepId, at);
    if (e.event.type === 'step-complete' && started.has(e.event.stepId)) {
      out[e.event.stepId] = ((at - started.get(e.event.stepId)!) * speed) / MIN;
      started.delete(e.event.stepId);
    }
  }
  return out;
}

/** Past sessions of this runbook (by hash or title) in `<dataDir>/sessions`, newest first; unreadable ones skipped. */
export function pastRuns(dataDir: string, runbook: { sha256: string; title: string }, exclude?: string): PastRun[] {
  const root = join(dataDir, 'sessions');
  if (!existsSync(root)) return [];
  const out: PastRun[] = [];
  // The newest folders only: opening a session reads these journals, and a year of nights must not slow it.
  for (const id of readdirSync(root).sort().reverse().slice(0, MAX_SESSIONS_READ)) {
    if (id === exclude) continue;
    const file = join(root, id, JOURNAL_FILE);
    if (!existsSync(file)) continue;
    let entries: JournalEntry[];
    try {
      entries = verifyJournalText(readFileSync(file, 'utf8')).entries;
    } catch {
      continue;
    }
    const created = entries[0]?.event;
    if (created?.type !== 'session-created') continue;
    const sameHash = created.runbookSha256 === runbook.sha256;
    if (!sameHash && created.title !== runbook.title) continue;
    out.push({ sessionId: created.sessionId, rehearsal: created.rehearsal, sameHash, minutes: stepMinutes(entries) });
  }
  return out;
}

/** p50/p90 per step of this runbook, from the runs that completed it. */
export function baselinesFrom(model: Runbook, runs: PastRun[]): Baselines {
  const out: Baselines = {};
  for (const step of allSteps(model)) {
    const xs = runs.map((r) => r.minutes[step.id]).filter((x): x is number => typeof x === 'number');
    if (!xs.length) continue;
    const round = (x: number | null) => Math.round((x ?? 0) * 10) / 10;
    out[step.id] = { p50: round(percentile(xs, 50)), p90: round(percentile(xs, 90)), runs: xs.length };
  }
  return out;
}

/** The baselines a session of this runbook is held to: every other past session of it in the data folder. */
export function runbookBaselines(dataDir: string, model: Runbook, sha256: string, exclude?: string): Baselines {
  return baselinesFrom(model, pastRuns(dataDir, { sha256, title: model.title }, exclude));
}
