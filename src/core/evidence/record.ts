// A session's record, read from its folder or from a bundle: the runbook as it was, the journal (its
// chain checked) and the state folded from it. Every export is made from this, never from live UI state.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { JournalEntry } from '../../shared/session/events';
import type { SessionState } from '../../shared/session/state';
import type { RunbookDoc } from '../../shared/runbook';
import { describeRunbook } from '../runbook/load';
import { JOURNAL_READ, readRegularFileSync, RUNBOOK_READ } from '../files';
import { JOURNAL_FILE, sha256, verifyJournalText, type JournalProblem } from '../session/journal';
import { indexSteps, replay } from '../session/machine';

export interface SessionRecord {
  sessionId: string;
  doc: RunbookDoc;
  runbookBytes: Uint8Array;
  runbookName: string;
  journalText: string;
  entries: JournalEntry[];
  /** Hash of the last journal line: what a signature covers. */
  journalHead: string;
  state: SessionState;
  problems: JournalProblem[];
}

export function recordFrom(runbookBytes: Uint8Array, journalText: string): SessionRecord {
  const verified = verifyJournalText(journalText);
  const created = verified.entries[0]?.event;
  if (!created || created.type !== 'session-created')
    throw new Error('The journal does not start with the session’s creation: it is not a tejun session journal.');
  const problems = [...verified.problems];
  if (created.runbookSha256 !== sha256(runbookBytes))
    problems.push({
      kind: 'broken-chain',
      entry: 1,
      message: `The runbook does not match the hash recorded when the session was created (${created.runbookSha256.slice(0, 12)}…).`,
    });
  const doc = describeRunbook(runbookBytes, created.runbookName);
  const { state, rejected } = replay(verified.entries, indexSteps(doc.model));
  for (const r of rejected)
    problems.push({ kind: 'bad-entry', entry: r.seq, message: `Entry ${r.seq} could not be applied: ${r.reason}` });
  return {
    sessionId: created.sessionId,
    doc,
    runbookBytes,
    runbookName: created.runbookName,
    journalText,
    entries: verified.entries,
    journalHead: verified.lastHash,
    state,
    problems,
  };
}

/** Read a session folder (<data>/sessions/<id>). */
export function readRecord(dir: string): SessionRecord {
  const journal = join(dir, JOURNAL_FILE);
  if (!existsSync(journal))
    throw new Error(
      `${dir} is not a session folder: it has no ${JOURNAL_FILE}. Give the folder of one session, e.g. <data>/sessions/20261210-220000-abc123.`,
    );
  const runbook = readRegularFileSync(join(dir, 'runbook.md'), { ...RUNBOOK_READ, noFollow: true });
  return recordFrom(runbook, readRegularFileSync(journal, JOURNAL_READ).toString('utf8'));
}

/** The transcript files of a session folder (plain text and asciinema casts). */
export function transcriptFiles(dir: string): string[] {
  const t = join(dir, 'terminals');
  if (!existsSync(t)) return [];
  return readdirSync(t)
    .filter((f) => f.endsWith('.txt') || f.endsWith('.cast'))
    .map((f) => join(t, f))
    .sort();
}
