// npm run bench:parse — parse time and MB/s for each seed and for synthetic runbooks of 100 KB to 4 MB,
// next to markdown-it's own tokenizer on the same text (the floor tejun's parser stands on).
// Prints readable lines, then one JSON line with the figures.
import MarkdownIt from 'markdown-it';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { parseRunbook } = await import(new URL('../out/cli/core.mjs', import.meta.url).href);
const seedsDir = fileURLToPath(new URL('../../shared/seeds/', import.meta.url));
const md = new MarkdownIt({ html: true });

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn, minRuns = 5, minMs = 300) {
  fn(); // warm-up
  const runs = [];
  const start = performance.now();
  while (runs.length < minRuns || performance.now() - start < minMs) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
    if (runs.length >= 200) break;
  }
  return median(runs);
}

/** A synthetic runbook: seed 000's phases repeated with new numbers until the size is reached. */
function synthetic(bytes) {
  const seed = readFileSync(join(seedsDir, '000_8597f5dc98a4b98d.txt'), 'utf8');
  const start = seed.indexOf('## フェーズ1');
  const end = seed.indexOf('## リリース完了報告');
  const phases = seed.slice(start, end);
  const head = seed.slice(0, start);
  const tail = seed.slice(end);
  let out = head;
  let n = 0;
  while (Buffer.byteLength(out) + Buffer.byteLength(tail) < bytes) {
    out += phases.replace(/フェーズ(\d)/g, (_m, d) => `フェーズ${n * 5 + Number(d)}`);
    n++;
  }
  return out + tail;
}

const rows = [];
const line = (name, text) => {
  const mb = Buffer.byteLength(text) / 1024 / 1024;
  const ms = time(() => parseRunbook(text));
  const mdMs = time(() => md.parse(text, {}));
  rows.push({ name, bytes: Buffer.byteLength(text), ms, mbps: mb / (ms / 1000), mdMs });
  console.log(
    `${name.padEnd(34)} ${(Buffer.byteLength(text) / 1024).toFixed(0).padStart(6)} KB  ${ms.toFixed(2).padStart(8)} ms  ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s   markdown-it alone ${mdMs.toFixed(2).padStart(8)} ms  (tejun/markdown-it ×${(ms / mdMs).toFixed(2)})`,
  );
};

console.log('tejun parse benchmark (median of repeated runs, this machine, now)');
for (const f of readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort())
  line(`seed ${f}`, readFileSync(join(seedsDir, f), 'utf8'));
const sizes = { ms100KB: 100 * 1024, ms1MB: 1024 * 1024, ms2MB: 2 * 1024 * 1024, ms4MB: 4 * 1024 * 1024 };
const figures = {};
for (const [key, bytes] of Object.entries(sizes)) {
  line(`synthetic ${key.slice(2)}`, synthetic(bytes));
  figures[key] = Number(rows[rows.length - 1].ms.toFixed(2));
}
const perMB = (k, mb) => figures[k] / mb;
const linearity = perMB('ms4MB', 4) / perMB('ms1MB', 1);
console.log(`growth: ms per MB at 4 MB / at 1 MB = ${linearity.toFixed(2)} (1.0 is perfectly linear)`);
console.log(`target: 2 MB in under 150 ms — ${figures.ms2MB < 150 ? 'met' : 'NOT met'} (${figures.ms2MB} ms)`);
const seedMax = Math.max(...rows.filter((r) => r.name.startsWith('seed')).map((r) => r.ms));
console.log(
  JSON.stringify({
    ...figures,
    mbps2MB: Number(rows.find((r) => r.name === 'synthetic 2MB').mbps.toFixed(2)),
    seedMaxMs: Number(seedMax.toFixed(2)),
    linearity4MBvs1MB: Number(linearity.toFixed(3)),
    ratioToMarkdownIt2MB: Number(
      (rows.find((r) => r.name === 'synthetic 2MB').ms / rows.find((r) => r.name === 'synthetic 2MB').mdMs).toFixed(2),
    ),
  }),
);
