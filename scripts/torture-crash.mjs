// npm run torture:crash [-- KILLS] — SIGKILL the real host many times while events stream in.
import { join } from 'node:path';
import { torture } from './crash-driver.mjs';

const kills = Number(process.argv[2] ?? 300);
const started = Date.now();
const r = await torture({ kills, log: (l) => process.stdout.write(`\r${l}      `) });
console.log(
  `\n${r.kills} kills in ${((Date.now() - started) / 1000).toFixed(1)} s; ${r.sent} events sent, ${r.acked} acknowledged or recovered`,
);
const { readJournal } = await import(new URL('../out/cli/core.mjs', import.meta.url).href);
const v = await readJournal(join(r.dataDir, 'sessions', r.sessionId));
console.log(`final journal: ${v.entries.length} entries, ${v.problems.length} problems`);
for (const p of r.problems) console.log(`PROBLEM ${p}`);
console.log(
  JSON.stringify({
    kills: r.kills,
    sent: r.sent,
    acked: r.acked,
    problems: r.problems.length,
    journalEntries: v.entries.length,
  }),
);
process.exit(r.problems.length || v.problems.length ? 1 : 0);
