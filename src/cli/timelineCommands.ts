// `tejun baseline` and `tejun redline`: what past runs say about a runbook's steps, and what one night
// says should change in it.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { allSteps } from '../shared/model';
import { readRunbookFile } from '../core/runbook/load';
import { baselinesFrom, pastRuns } from '../core/evidence/baseline';
import { redlineExport } from '../core/evidence/redline';

type Out = (line: string) => void;

export async function baselineCommand(file: string, dataDir: string, json: boolean, out: Out): Promise<number> {
  const doc = await readRunbookFile(file);
  const runs = pastRuns(dataDir, { sha256: doc.sha256, title: doc.model.title });
  const baselines = baselinesFrom(doc.model, runs);
  const rows = allSteps(doc.model).map((s) => ({
    id: s.id,
    title: s.title,
    estimate: s.estimateMinutes ?? s.groupEstimateMinutes,
    ...baselines[s.id],
  }));
  if (json) {
    out(
      JSON.stringify(
        {
          runbook: doc.title,
          sha256: doc.sha256,
          runs: runs.map(({ sessionId, rehearsal, sameHash }) => ({ sessionId, rehearsal, sameHash })),
          steps: rows,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const rehearsals = runs.filter((r) => r.rehearsal).length;
  out(
    `${doc.title}: ${runs.length} past runs in ${dataDir} (${rehearsals} rehearsals, ` +
      `${runs.length - rehearsals} releases; ${runs.filter((r) => r.sameHash).length} of this exact version)`,
  );
  if (!runs.length) {
    out('No past session of this runbook yet: rehearse it (tejun rehearse FILE) and the baselines appear here.');
    return 0;
  }
  const num = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(n)).padStart(8);
  out(`${'estimate'.padStart(8)} ${'p50'.padStart(8)} ${'p90'.padStart(8)} ${'runs'.padStart(5)}  step`);
  for (const r of rows)
    out(`${num(r.estimate)} ${num(r.p50)} ${num(r.p90)} ${String(r.runs ?? 0).padStart(5)}  ${r.title}`);
  return 0;
}

export function redlineCommand(sessionDir: string, outFile: string | undefined, out: Out): number {
  const dir = resolve(sessionDir);
  // The session's own data folder holds the past runs the new estimates lean on.
  const { patch, redlines, name } = redlineExport(dir, dirname(dirname(dir)));
  if (!patch) {
    out('Nothing on this night differed from the runbook: no change to propose.');
    return 0;
  }
  if (outFile) {
    writeFileSync(outFile, patch);
    out(
      `${outFile}: ${redlines.length} steps with redlines, against ${name} (review it, then \`git apply ${outFile}\`)`,
    );
  } else out(patch.trimEnd());
  return 0;
}
