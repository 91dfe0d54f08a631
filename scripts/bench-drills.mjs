// npm run bench:drills — the unattended drill (`tejun rehearse FILE --headless`, default plan) over every
// runbook in runbooks/ and runbooks/corpus/ (whatever .md files are there) and the seeds: does each one
// finish, how many steps and commands it walked, what it had to cut short, how it ended. A drill that
// does not finish within BENCH_DRILL_LIMIT_S (default 600) is reported as hung and the run goes on.
// A reference document is "nothing to rehearse", which is not a failure. Prints a table, then one JSON line.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { runDrill } = await import(new URL('../out/cli/core.mjs', import.meta.url).href);
const LIMIT_S = Number(process.env.BENCH_DRILL_LIMIT_S ?? 600);

const list = (dir, ok) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter(ok)
        .sort()
        .map((f) => join(dir, f))
    : [];
const docs = [
  ...list(join(ROOT, 'runbooks'), (f) => f.endsWith('.md')),
  // sources.md says where each fixture's shape came from; it is not a procedure.
  ...list(join(ROOT, 'runbooks/corpus'), (f) => f.endsWith('.md') && f !== 'sources.md'),
  ...list(resolve(ROOT, '../shared/seeds'), (f) => f.endsWith('.txt')),
];
// Fixtures whose failure is their point: drilled with a plan that expects it.
const EXPECT = { 'runbooks/terminal-check-en.md': 'rolled-back' };
console.log(
  `${'document'.padEnd(48)} ${'steps'.padStart(5)} ${'commands'.padStart(8)} ${'cut short'.padStart(9)} ${'not here'.padStart(8)} ${'time'.padStart(8)}  result`,
);

const rows = [];
for (const doc of docs) {
  const out = mkdtempSync(join(tmpdir(), 'tejun-bench-drill-'));
  const expect = EXPECT[relative(ROOT, doc)];
  const plan = expect ? join(out, 'plan.yaml') : null;
  if (plan) writeFileSync(plan, `expect: ${expect}\n`);
  const started = performance.now();
  let row;
  try {
    const r = await Promise.race([
      runDrill({ runbook: doc, out: join(out, 'out'), ...(plan ? { plan } : {}) }),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`hung: no end within ${LIMIT_S} s`)), LIMIT_S * 1000).unref(),
      ),
    ]);
    row = {
      steps: r.steps,
      commands: r.commands,
      cutShort: r.cutShort.length,
      failedChecks: r.failedChecks,
      blocked: r.blocked,
      notHere: r.simulatedAbsent.length,
      isolation: r.isolation,
      result: r.nothingToRehearse
        ? 'nothing to rehearse: reference document'
        : r.ok
          ? `ok: ${r.outcome}${expect ? ' (as planned: it fails on purpose)' : ''}`
          : r.reason,
    };
  } catch (e) {
    row = {
      steps: 0,
      commands: 0,
      cutShort: 0,
      failedChecks: 0,
      blocked: 0,
      notHere: 0,
      isolation: '—',
      result: `error: ${
        String(e instanceof Error ? e.message : e)
          .split('\n')[0]
          .split(/(?<=\.) /)[0]
      }`,
    };
  }
  rmSync(out, { recursive: true, force: true });
  rows.push({ document: relative(ROOT, doc), seconds: Math.round((performance.now() - started) / 100) / 10, ...row });
  const x = rows.at(-1);
  console.log(
    `${x.document.padEnd(48).slice(0, 48)} ${String(x.steps).padStart(5)} ${String(x.commands).padStart(8)} ${String(x.cutShort).padStart(9)} ${String(x.notHere).padStart(8)} ${String(x.seconds).padStart(7)}s  ${x.result.slice(0, 110)}`,
  );
}
const ok = rows.filter((r) => r.result.startsWith('ok')).length;
const nothing = rows.filter((r) => r.result.startsWith('nothing to rehearse')).length;
const sum = (k) => rows.reduce((a, r) => a + r[k], 0);
const onPurpose = rows.filter((r) => EXPECT[r.document]).reduce((a, r) => a + r.failedChecks, 0);
const failedChecks = sum('failedChecks') - onPurpose;
console.log(
  `${rows.length} drills: ${ok} ended as planned, ${nothing} nothing to rehearse, ${rows.length - ok - nothing} otherwise; ${rows.filter((r) => r.result.includes('hung:')).length} hung, ${failedChecks} failed checks${onPurpose ? ` (+${onPurpose} in fixtures that fail on purpose)` : ''}, ${sum('cutShort')} commands cut short, ${sum('notHere')} calls simulated (not on this machine)`,
);
console.log(
  JSON.stringify({
    bench: 'drills',
    drills: rows.length,
    ok,
    nothingToRehearse: nothing,
    notHere: sum('notHere'),
    hung: rows.filter((r) => r.result.includes('hung:')).length,
    failedChecks,
    failedChecksOnPurpose: onPurpose,
    cutShort: rows.reduce((a, r) => a + r.cutShort, 0),
    rows,
  }),
);
