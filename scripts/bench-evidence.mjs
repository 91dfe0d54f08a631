// npm run bench:evidence — a long night's session (100,000 journal entries) to the filled-in Markdown
// and the evidence bundle, and `tejun verify` of that bundle; next to the raw limit measured in the same
// run: one SHA-256 pass and one JSON.parse of the same bytes, which any verifier must do at least.
// The bundle is signed by an operator and an approver, and verify checks both against a trust list,
// as `tejun verify` does. Verify and the raw limit are timed in turn, so the machine's load weighs on
// both alike. Prints readable lines, then one JSON line.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const core = await import(new URL('../out/cli/core.mjs', import.meta.url).href);
const {
  parseRunbook,
  markdownExport,
  buildBundle,
  serializeBundle,
  verifyBundle,
  addSignature,
  createKey,
  loadKey,
  parseTrustFile,
  judge,
  describeVerdict,
} = core;
const COUNT = Number(process.env.BENCH_ENTRIES ?? 100_000);
const sha = (b) => createHash('sha256').update(b).digest('hex');

const bytes = readFileSync(new URL('../runbooks/release-en.md', import.meta.url));
const model = parseRunbook(bytes.toString('utf8'));
const steps = model.phases.flatMap((p) => p.steps);
const fields = steps.flatMap((s) => s.fields.map((f) => f.id));
const confs = steps.flatMap((s) => s.confirmations.map((c) => c.id));
const sessionId = '20261210-220000-bench0';
const events = [
  {
    type: 'session-created',
    sessionId,
    runbookName: 'release-en.md',
    runbookSha256: sha(bytes),
    title: model.title,
    rehearsal: false,
    speed: 1,
    operator: 'bench',
  },
  { type: 'preflight-start' },
  ...(model.prerequisites?.confirmations ?? []).map((c) => ({
    type: 'confirmation-set',
    confirmationId: c.id,
    checked: true,
  })),
  { type: 'go-decision', decision: 'go', by: 'bench', reason: '' },
];
let i = 0;
while (events.length < COUNT) {
  const r = i++ % 20;
  if (r < 12) events.push({ type: 'field-set', fieldId: fields[i % fields.length], value: `value ${i}` });
  else if (r < 16)
    events.push({ type: 'confirmation-set', confirmationId: confs[i % confs.length], checked: i % 2 === 0 });
  else
    events.push({ type: 'note', text: `note ${i}: the operator wrote something of ordinary length here`, by: 'bench' });
}
let prev = '0'.repeat(64);
const t0 = Date.parse('2026-12-10T22:00:00Z');
const lines = events.map((event, k) => {
  const line = JSON.stringify({ seq: k + 1, time: new Date(t0 + k * 100).toISOString(), event, prev });
  prev = sha(line);
  return line;
});
const dir = join(mkdtempSync(join(tmpdir(), 'tejun-bench-evidence-')), sessionId);
mkdirSync(dir);
writeFileSync(join(dir, 'runbook.md'), bytes);
writeFileSync(join(dir, 'journal.jsonl'), `${lines.join('\n')}\n`);

const median = (f) => {
  const runs = [];
  let out;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    out = f();
    runs.push(performance.now() - t);
  }
  return { ms: runs.sort((a, b) => a - b)[1], out };
};

console.log(`tejun evidence benchmark: a session of ${COUNT.toLocaleString('en')} journal entries (${dir})`);
const md = median(() => markdownExport(dir));
console.log(
  `filled-in Markdown:             ${md.ms.toFixed(0).padStart(6)} ms  (${(md.out.text.length / 1024).toFixed(0)} KB)`,
);
const keys = mkdtempSync(join(tmpdir(), 'tejun-bench-keys-'));
const person = (name) => {
  createKey(join(keys, `${name}.pem`), 'bench passphrase');
  const { key, identity } = loadKey(join(keys, `${name}.pem`), 'bench passphrase');
  return { key, publicKey: identity.publicKey, fingerprint: identity.fingerprint };
};
const op = person('op');
const ap = person('ap');
const trustYaml = `signers:\n  - { name: Operator, fingerprint: "${op.fingerprint}", roles: [operator] }\n  - { name: Approver, fingerprint: "${ap.fingerprint}", roles: [approver] }\n`;
const trust = {
  sources: ['bench'],
  signers: new Map(parseTrustFile(trustYaml, 'bench').map((s) => [s.fingerprint, s])),
  warnings: [],
};
const sign = (b) =>
  addSignature(
    addSignature(b, { name: 'op', role: 'operator', ...op }, new Date()),
    { name: 'ap', role: 'approver', ...ap },
    new Date(),
  );
const bundle = median(() => serializeBundle(sign(buildBundle(dir, { includeTranscripts: true }))));
const file = Buffer.from(bundle.out);
console.log(
  `evidence bundle (md+html+json): ${bundle.ms.toFixed(0).padStart(6)} ms  (${(file.length / 1024 / 1024).toFixed(1)} MB, signed twice)`,
);
const said = [];
const check = () => {
  const v = judge(verifyBundle(file), trust);
  said.length = 0;
  describeVerdict(v, (l) => said.push(l));
  return v;
};
const verifyRuns = [];
const rawRuns = [];
for (let k = 0; k < 5; k++) {
  let t = performance.now();
  const v = check();
  verifyRuns.push(performance.now() - t);
  if (v.word !== 'OK') throw new Error(`the bundle did not verify: ${v.word} ${v.problem}`);
  t = performance.now();
  sha(file);
  JSON.parse(file.toString('utf8'));
  rawRuns.push(performance.now() - t);
}
const mid = (runs) => runs.sort((a, b) => a - b)[2];
const verify = { ms: mid(verifyRuns) };
const raw = { ms: mid(rawRuns) };
console.log(`tejun verify of that bundle:    ${verify.ms.toFixed(0).padStart(6)} ms  (${said[said.length - 1]})`);
console.log(
  `raw limit (sha256 + JSON.parse of the same bytes): ${raw.ms.toFixed(0)} ms  → verify = ×${(verify.ms / raw.ms).toFixed(1)} the raw limit`,
);
console.log(
  JSON.stringify({
    entries: COUNT,
    markdownMs: Math.round(md.ms),
    bundleMs: Math.round(bundle.ms),
    bundleMB: Number((file.length / 1024 / 1024).toFixed(1)),
    verifyMs: Math.round(verify.ms),
    rawLimitMs: Math.round(raw.ms),
    verifyVsRaw: Number((verify.ms / raw.ms).toFixed(1)),
  }),
);
