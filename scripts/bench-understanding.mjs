// npm run bench:understanding — how well tejun reads procedures written every which way, against a person's
// reading: every fenced block's role, the inline commands, the steps, the rollback (runbooks/corpus/*.labels.json).
// The seeds ride along as regression: their tagged blocks keep the role their info string gives, their rollbacks
// stay found. Prints readable lines, then one JSON line with the figures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { parseRunbook } = await import(new URL('../out/cli/core.mjs', import.meta.url).href);
const corpusDir = fileURLToPath(new URL('../runbooks/corpus/', import.meta.url));
const seedsDir = fileURLToPath(new URL('../../shared/seeds/', import.meta.url));
const ROLES = ['command', 'output', 'file', 'sql', 'message', 'other'];
const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');

/** What the seed tests pin, as labels: a tagged block's role follows its info string; rollbacks as the tests say. */
const SEED_LANG_ROLE = {
  bash: 'command',
  markdown: 'message',
  mermaid: 'other',
  sql: 'sql',
  yaml: 'file',
  json: 'file',
  ruby: 'other',
  python: 'other',
};
const SEED_ROLLBACK = { '000': true, '002': true, '004': true, '003': false };

function seedLabels(text, name) {
  const blocks = [];
  const lines = text.split('\n');
  let open = null;
  let prose = '';
  lines.forEach((l, i) => {
    const m = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(l);
    if (!m) {
      if (open === null && l.trim()) prose = l.trim();
      return;
    }
    if (open === null) {
      open = { line: i + 1, lang: m[2].toLowerCase(), indent: /^\s*/.exec(l)[0].length };
      // A block under a label (期待される結果: / 症状:) has the label's role, whatever its info string says.
      const labelled = /^\*\*[^*]{1,30}\*\*\s*[:：]$/.test(prose);
      if (SEED_LANG_ROLE[open.lang] && !labelled) blocks.push({ line: open.line, role: SEED_LANG_ROLE[open.lang] });
    } else if (!m[2]) open = null;
  });
  const key = name.slice(0, 3);
  return {
    procedure: key !== '003',
    blocks,
    steps: null,
    rollback: SEED_ROLLBACK[key] === undefined ? undefined : SEED_ROLLBACK[key] ? 'any' : null,
    seed: true,
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function timeParse(text) {
  parseRunbook(text);
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    parseRunbook(text);
    runs.push(performance.now() - t);
  }
  return median(runs);
}

const docs = [];
if (existsSync(corpusDir))
  for (const f of readdirSync(corpusDir)
    .filter((f) => f.endsWith('.labels.json'))
    .sort()) {
    const slug = f.replace(/\.labels\.json$/, '');
    const mdPath = join(corpusDir, `${slug}.md`);
    if (!existsSync(mdPath)) continue;
    docs.push({
      name: slug,
      text: readFileSync(mdPath, 'utf8'),
      labels: JSON.parse(readFileSync(join(corpusDir, f), 'utf8')),
    });
  }
for (const f of readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  const text = readFileSync(join(seedsDir, f), 'utf8');
  docs.push({ name: `seed ${f.slice(0, 3)}`, text, labels: seedLabels(text, f) });
}

const perRole = Object.fromEntries(ROLES.map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));
const inline = { tp: 0, fp: 0, fn: 0 };
let rollbackLabelled = 0;
let rollbackFound = 0;
let rollbackFalse = 0;
let procedures = 0;
let proceduresWithSteps = 0;
const misses = [];

console.log(
  'tejun understanding benchmark: block roles, inline commands, steps and rollback against labelled procedures',
);
for (const d of docs) {
  const ms = timeParse(d.text);
  const m = parseRunbook(d.text);
  const got = new Map(m.blocks.map((b) => [b.line, b]));
  let wrong = 0;
  const total = d.labels.blocks.length;
  for (const l of d.labels.blocks) {
    const b = got.get(l.line);
    const role = b?.role ?? 'missing';
    if (role === l.role) perRole[l.role].tp++;
    else {
      wrong++;
      perRole[l.role].fn++;
      if (perRole[role]) perRole[role].fp++;
      misses.push(`${d.name}:${l.line}  labelled ${l.role}, read as ${role}${b ? ` (${b.why})` : ''}`);
    }
  }
  if (!d.labels.seed) {
    const labelledLines = new Set(d.labels.blocks.map((l) => l.line));
    for (const b of m.blocks)
      if (!labelledLines.has(b.line)) misses.push(`${d.name}:${b.line}  not a labelled block, read as ${b.role}`);
  }
  const steps = allStepsOf(m);
  const inl = steps
    .flatMap((s) => s.commands)
    .concat(m.troubleshooting.flatMap((t) => t.commands))
    .filter((c) => c.inline);
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  for (const want of d.labels.inlineCommands ?? []) {
    const hit = inl.find((c) => c.line === want.line && norm(c.text) === norm(want.text));
    if (hit) inline.tp++;
    else {
      inline.fn++;
      misses.push(`${d.name}:${want.line}  inline command not found: ${want.text}`);
    }
  }
  if (!d.labels.seed)
    for (const c of inl)
      if (!(d.labels.inlineCommands ?? []).some((w) => w.line === c.line && norm(w.text) === norm(c.text))) {
        inline.fp++;
        misses.push(`${d.name}:${c.line}  inline command not labelled: ${c.text}`);
      }
  let rb = '—';
  const want = d.labels.rollback;
  if (want && (want === 'any' || want.line !== undefined || want.whole)) {
    rollbackLabelled++;
    const ok = m.rollback && (want === 'any' || (want.whole ? m.rollback.whole : m.rollback.line === want.line));
    if (ok) rollbackFound++;
    else misses.push(`${d.name}: rollback ${JSON.stringify(want)} not found (got ${gotRollback(m)})`);
    rb = ok ? 'found' : 'MISSED';
  } else if (want === null && m.rollback) {
    rollbackFalse++;
    rb = `extra (line ${m.rollback.line})`;
  }
  let stepText = `${steps.length} steps`;
  if (d.labels.procedure && typeof d.labels.steps === 'number') {
    procedures++;
    const ok = steps.length >= 0.8 * d.labels.steps;
    if (ok) proceduresWithSteps++;
    else misses.push(`${d.name}: ${steps.length} steps, labelled ${d.labels.steps}`);
    stepText = `${steps.length}/${d.labels.steps} steps${ok ? '' : ' (<80%)'}`;
  }
  console.log(
    `${d.name.padEnd(36)} ${m.kind.padEnd(9)} blocks ${String(total - wrong).padStart(3)}/${String(total).padEnd(3)} ` +
      `${stepText.padEnd(22)} rollback ${rb.padEnd(14)} ${ms.toFixed(2).padStart(7)} ms`,
  );
}

function gotRollback(m) {
  if (!m.rollback) return 'none';
  return `line ${m.rollback.line}${m.rollback.whole ? ', whole' : ''}`;
}

function allStepsOf(r) {
  return [
    ...(r.prerequisites ? [r.prerequisites] : []),
    ...r.phases.flatMap((p) => p.steps),
    ...(r.completion?.steps ?? []),
    ...(r.rollback?.phases.flatMap((p) => p.steps) ?? []),
  ];
}
const ratio = (a, b) => (b === 0 ? 1 : a / b);
console.log('');
console.log('role       precision  recall   (labelled blocks)');
for (const r of ROLES) {
  const x = perRole[r];
  console.log(
    `${r.padEnd(10)} ${ratio(x.tp, x.tp + x.fp)
      .toFixed(3)
      .padStart(9)}  ${ratio(x.tp, x.tp + x.fn)
      .toFixed(3)
      .padStart(6)}   (${x.tp + x.fn})`,
  );
}
console.log(
  `inline commands: precision ${ratio(inline.tp, inline.tp + inline.fp).toFixed(3)}, ` +
    `recall ${ratio(inline.tp, inline.tp + inline.fn).toFixed(3)} (${inline.tp + inline.fn} labelled)`,
);
console.log(
  `rollback found ${rollbackFound}/${rollbackLabelled}, ${rollbackFalse} where none is labelled; ` +
    `procedures with ≥80% of their steps ${proceduresWithSteps}/${procedures}`,
);
if (verbose || misses.length <= 40) for (const x of misses) console.log(`  · ${x}`);
else console.log(`  (${misses.length} differences; --verbose lists them)`);
const figures = {
  commandPrecision: Number(ratio(perRole.command.tp, perRole.command.tp + perRole.command.fp).toFixed(4)),
  commandRecall: Number(ratio(perRole.command.tp, perRole.command.tp + perRole.command.fn).toFixed(4)),
  outputRecall: Number(ratio(perRole.output.tp, perRole.output.tp + perRole.output.fn).toFixed(4)),
  outputPrecision: Number(ratio(perRole.output.tp, perRole.output.tp + perRole.output.fp).toFixed(4)),
  inlinePrecision: Number(ratio(inline.tp, inline.tp + inline.fp).toFixed(4)),
  inlineRecall: Number(ratio(inline.tp, inline.tp + inline.fn).toFixed(4)),
  rollbackFound: `${rollbackFound}/${rollbackLabelled}`,
  stepsAtLeast80: `${proceduresWithSteps}/${procedures}`,
  documents: docs.length,
};
console.log(JSON.stringify(figures));
