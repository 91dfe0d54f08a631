// npm run bench:redact — the redactor on what it sees every night (ordinary command output, with and
// without a runbook's own pattern) and on hostile input (each case in a worker, stopped after 10 s).
// Prints readable lines, then one JSON line.
import { Worker } from 'node:worker_threads';

const CORE = new URL('../out/cli/core.mjs', import.meta.url).href;
const CAP_MS = 10_000;

const ordinary = Array.from({ length: 5000 }, (_, i) =>
  i % 50 === 0
    ? `GET https://api.internal/v1/orders?id=${i} 200 Authorization: Bearer eyJhbGciOi${i}.payload.sig order CUST-${100000 + i}`
    : `2026-12-10T22:${String(i % 60).padStart(2, '0')}:00Z INFO pod web-${i % 7} ready user=ops host=db.internal latency=${i % 97}ms`,
).join('\n');

const CASES = [
  { name: 'ordinary output, built-in rules', text: ordinary, patterns: [], repeat: 5 },
  { name: 'ordinary output + runbook pattern CUST-\\d{6}', text: ordinary, patterns: ['CUST-\\d{6}'], repeat: 5 },
  { name: 'hostile: 64 KB of "a-" (URL rule)', text: 'a-'.repeat(32 * 1024), patterns: [], repeat: 1 },
  {
    name: 'hostile: runbook (a+)+$ on 10 KB of a + "!"',
    text: `${'a'.repeat(10 * 1024)}!`,
    patterns: ['(a+)+$'],
    repeat: 1,
  },
];

const WORKER = `
import { workerData, parentPort } from 'node:worker_threads';
const { Redactor } = await import(workerData.core);
const { text, patterns, repeat } = workerData.c;
const r = new Redactor({ patterns });
r.redact(text.slice(0, 2000));
const runs = [];
for (let k = 0; k < repeat; k++) { const t = performance.now(); r.redact(text); runs.push(performance.now() - t); }
parentPort.postMessage(runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]);
`;

function measure(c) {
  return new Promise((resolve) => {
    const w = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WORKER)}`), {
      workerData: { core: CORE, c },
    });
    const timer = setTimeout(() => void w.terminate().then(() => resolve(null)), CAP_MS);
    w.once('message', (ms) => (clearTimeout(timer), void w.terminate(), resolve(ms)));
    w.once('error', (e) => (clearTimeout(timer), resolve(`error: ${e.message}`)));
  });
}

console.log(`tejun redaction benchmark (${CORE})`);
const result = {};
for (const c of CASES) {
  const ms = await measure(c);
  const kb = c.text.length / 1024;
  const shown =
    ms === null
      ? `> ${CAP_MS / 1000} s (stopped)`
      : typeof ms === 'string'
        ? ms
        : `${ms.toFixed(1)} ms  (${(kb / 1024 / (ms / 1000)).toFixed(1)} MB/s)`;
  console.log(`${c.name.padEnd(48)} ${kb.toFixed(0).padStart(4)} KB  ${shown}`);
  result[c.name] = typeof ms === 'number' ? Number(ms.toFixed(1)) : null;
}
console.log(JSON.stringify(result));
