// `tejun journal verify DIR`: check a session folder's journal chain and runbook hash, without the app.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readJournal, sha256 } from '../core/session/journal';
import { readRegularFileSync, RUNBOOK_READ } from '../core/files';
import { checkEntrySignatures } from '../core/evidence/entrySignature';
import { printable } from '../core/evidence/printable';

/** The session's own copy of the runbook: tejun wrote it, so a symlink there is not followed. */
const STORED_RUNBOOK = { ...RUNBOOK_READ, noFollow: true };

export async function journalVerify(dirArg: string, out: (l: string) => void): Promise<number> {
  const dir = resolve(dirArg);
  if (!existsSync(join(dir, 'journal.jsonl')))
    throw new Error(`${dir}: no journal.jsonl here. Give a session folder (…/sessions/<id>).`);
  const v = await readJournal(dir);
  // A journal may come from anywhere: what it says is printed escaped.
  const say = (l: string) => out(printable(l));
  const first = v.entries[0];
  const last = v.entries[v.entries.length - 1];
  out(`journal: ${join(dir, 'journal.jsonl')}`);
  out(`entries: ${v.entries.length} verified${first ? `, ${first.time} … ${last!.time}` : ''}`);
  let problems = v.problems.map((p) => `entry ${p.entry}: ${p.message}`);
  const created = first?.event.type === 'session-created' ? first.event : null;
  if (!created) problems = [...problems, 'entry 1 is not the session-created event.'];
  if (created) {
    say(`session: ${created.sessionId}  "${created.title}"${created.rehearsal ? '  REHEARSAL' : ''}`);
    const runbook = join(dir, 'runbook.md');
    if (!existsSync(runbook)) problems.push('runbook.md is missing from the session folder.');
    else if (sha256(readRegularFileSync(runbook, STORED_RUNBOOK)) !== created.runbookSha256) {
      problems.push(`runbook.md does not match the SHA-256 recorded at the start (${created.runbookSha256}).`);
    } else out(`runbook: runbook.md sha256 ${created.runbookSha256} matches`);
  }
  const signed = checkEntrySignatures(v.entries);
  if (!signed.ok) problems.push(signed.problem);
  else
    for (const j of signed.signatures)
      say(`signed:  entry ${j.seq} ${j.kind} by ${j.by} (claimed)  ${j.fingerprint}  ${j.time}`);
  if (problems.length === 0) {
    out('OK: the chain is intact.');
    return 0;
  }
  for (const p of problems) say(`BROKEN: ${p}`);
  return 1;
}
