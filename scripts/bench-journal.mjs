// npm run bench:journal — acknowledged events per second (each fsynced before its ack), next to the raw
// fsync rate of the same disk measured in the same run; and the replay time of a 100,000-event journal.
// Prints readable lines, then one JSON line.
import { mkdtempSync, openSync, fdatasyncSync, writeSync, closeSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

const core = await import(new URL('../out/cli/core.mjs', import.meta.url).href);
const { JournalWriter, readJournal, replay, indexSteps, parseRunbook } = core;
const dir = mkdtempSync(join(tmpdir(), 'tejun-bench-journal-'));
const DURATION_MS = Number(process.env.BENCH_MS ?? 3000);

const created = {
  type: 'session-created',
  sessionId: 'bench',
  runbookName: 'release-en.md',
  runbookSha256: 'x',
  title: 'Bench',
  rehearsal: false,
  speed: 1,
  operator: 'bench',
};
const note = (i) => ({
  type: 'note',
  text: `note ${i}: the operator wrote something of ordinary length here`,
  by: 'bench',
});

function rawFsyncRate() {
  const fd = openSync(join(dir, 'raw.jsonl'), 'a');
  const line = JSON.stringify({ seq: 1, time: new Date().toISOString(), event: note(1), prev: '0'.repeat(64) }) + '\n';
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    writeSync(fd, line);
    fdatasyncSync(fd);
    n++;
  }
  closeSync(fd);
  return n / ((performance.now() - start) / 1000);
}

async function ackRate(inFlight) {
  const d = mkdtempSync(join(dir, `w${inFlight}-`));
  const { writer } = await JournalWriter.create(d, created);
  let n = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() - start < DURATION_MS) {
        await writer.append(note(n));
        n++;
      }
    }),
  );
  const rate = n / ((performance.now() - start) / 1000);
  await writer.close();
  return rate;
}

/** A 100,000-entry journal with the mix a long night produces: fields, confirmations, steps, notes, timers. */
function buildJournal(model, count) {
  const steps = model.phases.flatMap((p) => p.steps);
  const fields = steps.flatMap((s) => s.fields.map((f) => f.id));
  const confs = steps.flatMap((s) => s.confirmations.map((c) => c.id));
  const events = [
    created,
    { type: 'preflight-start' },
    { type: 'go-decision', decision: 'go', by: 'bench', reason: '' },
  ];
  let i = 0;
  while (events.length < count) {
    const r = i++ % 20;
    if (r < 12) events.push({ type: 'field-set', fieldId: fields[i % fields.length], value: `value ${i}` });
    else if (r < 16)
      events.push({ type: 'confirmation-set', confirmationId: confs[i % confs.length], checked: i % 2 === 0 });
    else if (r < 19) events.push(note(i));
    else
      events.push({
        type: 'timer-fired',
        key: `progress-report:${i}`,
        kind: 'progress-report',
        label: 'Time for the progress report',
        dueAt: i,
      });
  }
  let prev = '0'.repeat(64);
  const t0 = Date.parse('2026-12-03T01:00:00Z');
  const lines = events.map((event, k) => {
    const line = JSON.stringify({ seq: k + 1, time: new Date(t0 + k * 100).toISOString(), event, prev });
    prev = createHash('sha256').update(line).digest('hex');
    return line;
  });
  const d = mkdtempSync(join(dir, 'replay-'));
  writeFileSync(join(d, 'journal.jsonl'), lines.join('\n') + '\n');
  return d;
}

console.log(`tejun journal benchmark (${dir}, ${DURATION_MS} ms per measurement)`);
const raw = rawFsyncRate();
console.log(`raw write+fdatasync, one at a time:        ${raw.toFixed(0).padStart(7)} /s`);
const seq = await ackRate(1);
console.log(
  `journal acks, one in flight:               ${seq.toFixed(0).padStart(7)} /s  (${((seq / raw) * 100).toFixed(0)}% of raw)`,
);
const grouped = await ackRate(32);
console.log(
  `journal acks, 32 in flight (group commit): ${grouped.toFixed(0).padStart(7)} /s  (${((grouped / raw) * 100).toFixed(0)}% of raw)`,
);

const model = parseRunbook(readFileSync(new URL('../runbooks/release-en.md', import.meta.url), 'utf8'));
const replayDir = buildJournal(model, 100_000);
const runs = [];
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  const v = await readJournal(replayDir);
  const { state } = replay(v.entries, indexSteps(model));
  runs.push(performance.now() - t);
  if (v.problems.length || state.lastSeq !== 100_000)
    throw new Error(`replay went wrong: ${v.problems[0]?.message ?? state.lastSeq}`);
}
const replayMs = [...runs].sort((a, b) => a - b)[1];
console.log(`replay of 100,000 events (verify chain + fold): ${replayMs.toFixed(0)} ms (median of 3)`);
console.log(
  JSON.stringify({
    ackPerSec: Math.round(grouped),
    ackPerSecSequential: Math.round(seq),
    rawFsyncPerSec: Math.round(raw),
    ackVsRaw: Number((grouped / raw).toFixed(2)),
    replay100kMs: Math.round(replayMs),
  }),
);
