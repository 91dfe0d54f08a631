// The evidence bundle: one JSON file holding the runbook as it was (and its hash), the journal (its
// hash chain intact), the transcripts (redacted), the exports with their digests, and the signatures.
// It is written in one canonical form, so any changed byte is found: either the form, a digest, the
// chain or a signature no longer holds. Verification needs Node only, never the app.
import { z } from 'zod';
import type { KeyObject } from 'node:crypto';
import { sha256, verifyJournalText } from '../session/journal';
import { fingerprintOf, signBytes, verifyBytes } from './keys';
import { journalSignatures, verifyEntrySignatures } from './entrySignature';

export const BUNDLE_FORMAT = 'tejun-evidence/1';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Covers = z
  .object({
    core: Hex64,
    journalHead: Hex64,
    runbookSha256: Hex64,
    exports: z.array(z.object({ name: z.string(), sha256: Hex64 }).strict()),
    previous: Hex64,
  })
  .strict();
export const Signature = z
  .object({
    name: z.string().min(1).max(200),
    role: z.enum(['operator', 'approver']),
    signedAt: z.string(),
    fingerprint: z.string(),
    publicKey: z.string(),
    covers: Covers,
    signature: z.string(),
  })
  .strict();
export type Signature = z.output<typeof Signature>;

const FileEntry = z.object({ name: z.string().min(1).max(300), sha256: Hex64, text: z.string() }).strict();
/** A transcript's text may be left out (large, or not to be shared); its digest is always there. */
const TranscriptEntry = z.object({ name: z.string().min(1).max(300), sha256: Hex64, text: z.string().nullable() }).strict();

export const Bundle = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    sessionId: z.string(),
    title: z.string(),
    rehearsal: z.boolean(),
    outcome: z.string().nullable(),
    createdAt: z.string(),
    runbook: z.object({ name: z.string(), sha256: Hex64, base64: z.string() }).strict(),
    journal: z.object({ entries: z.number().int().min(1), head: Hex64, text: z.string() }).strict(),
    transcripts: z.array(TranscriptEntry),
    exports: z.array(FileEntry.extend({ format: z.enum(['md', 'html']) }).strict()),
    signatures: z.array(Signature),
  })
  .strict();
export type Bundle = z.output<typeof Bundle>;

/** The file name a bundle is saved under; a rehearsal's says so first. */
export const bundleFileName = (b: Pick<Bundle, 'rehearsal' | 'sessionId'>): string => `${b.rehearsal ? 'REHEARSAL-' : ''}${b.sessionId}.tejun.json`;

/** The one form a bundle is written in: the schema's key order, one-space indent, a final newline. */
export const serializeBundle = (b: Bundle): string => `${JSON.stringify(Bundle.parse(b), null, 1)}\n`;

/** The digest of everything but the exports and signatures, which only ever grow. */
export const coreDigest = (b: Bundle): string => sha256(JSON.stringify(Bundle.parse({ ...b, exports: [], signatures: [] })));
const previousDigest = (sigs: Signature[]): string => sha256(JSON.stringify(sigs.map((s) => Signature.parse(s))));

function payload(b: Bundle, s: Omit<Signature, 'signature'>): Buffer {
  // Field order fixed here: this is exactly what is signed.
  return Buffer.from(
    JSON.stringify({ format: BUNDLE_FORMAT, sessionId: b.sessionId, name: s.name, role: s.role, signedAt: s.signedAt, fingerprint: s.fingerprint, covers: s.covers }),
    'utf8',
  );
}

export function addSignature(input: Bundle, who: { name: string; role: 'operator' | 'approver'; key: KeyObject; publicKey: string }, at: Date): Bundle {
  const b = Bundle.parse(input);
  // The operator's signature may be on the bundle, or on the sign-off entry of its journal.
  const operatorSigned = b.signatures.some((s) => s.role === 'operator') || journalSignatures(verifyJournalText(b.journal.text).entries).some((s) => s.role === 'operator');
  if (who.role === 'approver' && !operatorSigned) throw new Error('The operator signs first; the approver counter-signs a bundle the operator has signed.');
  const unsigned: Omit<Signature, 'signature'> = {
    name: who.name,
    role: who.role,
    signedAt: at.toISOString(),
    fingerprint: fingerprintOf(who.publicKey),
    publicKey: who.publicKey,
    covers: {
      core: coreDigest(b),
      journalHead: b.journal.head,
      runbookSha256: b.runbook.sha256,
      exports: b.exports.map((e) => ({ name: e.name, sha256: e.sha256 })),
      previous: previousDigest(b.signatures),
    },
  };
  return { ...b, signatures: [...b.signatures, { ...unsigned, signature: signBytes(who.key, payload(b, unsigned)) }] };
}

export interface VerifyResult {
  ok: boolean;
  /** The first problem, with its exact place; null when everything holds. */
  problem: string | null;
  bundle: Bundle | null;
}

const fail = (problem: string, bundle: Bundle | null = null): VerifyResult => ({ ok: false, problem, bundle });

export function verifyBundle(bytes: Uint8Array): VerifyResult {
  const text = Buffer.from(bytes).toString('utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`The file is not valid JSON (${e instanceof Error ? e.message : String(e)}): it is damaged or not a tejun bundle.`);
  }
  const parsed = Bundle.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(`The bundle's structure is wrong at ${issue.path.join('.') || '(top)'}: ${issue.message}.`);
  }
  const b = parsed.data;
  const canonical = Buffer.from(serializeBundle(b), 'utf8');
  if (!canonical.equals(Buffer.from(bytes))) {
    let i = 0;
    while (i < canonical.length && canonical[i] === bytes[i]) i++;
    const line = text.slice(0, i).split('\n').length;
    return fail(`The file was changed after it was written: byte ${i + 1} (line ${line}) differs from the bundle's own form.`, b);
  }
  const runbook = Buffer.from(b.runbook.base64, 'base64');
  if (runbook.toString('base64') !== b.runbook.base64) return fail('runbook.base64 is not valid base64: the runbook text was altered.', b);
  if (sha256(runbook) !== b.runbook.sha256) return fail(`The runbook text does not match its hash runbook.sha256 (${b.runbook.sha256.slice(0, 12)}…): the runbook was altered.`, b);
  const j = verifyJournalText(b.journal.text);
  if (j.problems.length) return fail(`Journal ${j.problems[0]!.kind} at entry ${j.problems[0]!.entry}: ${j.problems[0]!.message}`, b);
  const entrySig = verifyEntrySignatures(j.entries);
  if (entrySig) return fail(entrySig, b);
  if (j.entries.length !== b.journal.entries) return fail(`journal.entries says ${b.journal.entries} but the journal holds ${j.entries.length}.`, b);
  if (j.lastHash !== b.journal.head) return fail(`journal.head does not match the hash of the journal's last entry (entry ${j.entries.length}).`, b);
  const created = j.entries[0]!.event;
  if (created.type !== 'session-created' || created.runbookSha256 !== b.runbook.sha256) return fail('Journal entry 1 does not name this runbook: the runbook was swapped.', b);
  if (created.sessionId !== b.sessionId || created.rehearsal !== b.rehearsal) return fail('sessionId or the REHEARSAL mark does not match journal entry 1.', b);
  for (const [i, t] of b.transcripts.entries()) if (t.text !== null && sha256(t.text) !== t.sha256) return fail(`transcripts[${i}] (${t.name}) does not match its digest: the transcript was altered.`, b);
  for (const [i, e] of b.exports.entries()) if (sha256(e.text) !== e.sha256) return fail(`exports[${i}] (${e.name}) does not match its digest: the export was altered.`, b);
  const core = coreDigest(b);
  for (const [i, s] of b.signatures.entries()) {
    const where = `signatures[${i}] (${s.role} ${s.name})`;
    let fp: string | null;
    try {
      fp = fingerprintOf(s.publicKey);
    } catch {
      fp = null;
    }
    if (fp === null) return fail(`${where}: the public key is not a readable Ed25519 key.`, b);
    if (fp !== s.fingerprint) return fail(`${where}: the fingerprint does not belong to its public key.`, b);
    if (s.covers.core !== core) return fail(`${where}: the bundle's runbook, journal or transcripts are not what was signed.`, b);
    if (s.covers.journalHead !== b.journal.head || s.covers.runbookSha256 !== b.runbook.sha256) return fail(`${where}: signed a different journal head or runbook.`, b);
    if (s.covers.previous !== previousDigest(b.signatures.slice(0, i))) return fail(`${where}: the signatures before it were changed.`, b);
    for (const e of s.covers.exports) if (!b.exports.some((x) => x.name === e.name && x.sha256 === e.sha256)) return fail(`${where}: the signed export ${e.name} is missing or different.`, b);
    const { signature, ...unsigned } = s;
    if (!verifyBytes(s.publicKey, payload(b, unsigned), signature)) return fail(`${where}: the signature does not verify.`, b);
  }
  return { ok: true, problem: null, bundle: b };
}

/** What `tejun verify` prints, and the app shows when a bundle is opened. */
export function describeVerification(r: VerifyResult, out: (l: string) => void): void {
  const b = r.bundle;
  if (b) {
    if (b.rehearsal) out('REHEARSAL — this is the record of a rehearsal, not of a production release.');
    out(`session:  ${b.sessionId}  "${b.title}"`);
    out(`runbook:  ${b.runbook.name}  sha256 ${b.runbook.sha256}`);
    out(`outcome:  ${b.outcome ?? 'not completed'}`);
    out(`journal:  ${b.journal.entries} entries, head ${b.journal.head}`);
    out(`exports:  ${b.exports.map((e) => e.name).join(', ') || 'none'}`);
    out(`transcripts: ${b.transcripts.length}${b.transcripts.some((t) => t.text === null) ? ' (digests only for some)' : ''}`);
    // Signatures carried by journal entries (the sign-off, later notes), then those on the bundle.
    for (const j of journalSignatures(verifyJournalText(b.journal.text).entries)) out(`journal:  ${j.kind === 'sign-off' ? `sign-off ${j.role}` : 'note'} ${j.by}  ${j.fingerprint}  ${j.time}`);
    if (!b.signatures.length) out('signers:  none on the bundle itself');
    for (const s of b.signatures) out(`signer:   ${s.role.padEnd(8)} ${s.name}  ${s.fingerprint}  ${s.signedAt}`);
  }
  out(r.ok ? 'OK: the runbook, the journal chain, the exports and every signature verify.' : `BROKEN: ${r.problem}`);
}

