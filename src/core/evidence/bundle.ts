// The evidence bundle: one JSON file holding the runbook as it was (and its hash), the journal (its
// hash chain intact), the transcripts (redacted), the exports with their digests, and the signatures.
// It is written in one form (serializeBundle); whatever it says is bound by a digest, the chain or a
// signature, so any change to it is found. Verification needs Node only, never the app. Whether the
// signers are trusted is the trust list's question (verdict.ts); this module answers "is it intact".
import { z } from 'zod';
import type { JournalEntry } from '../../shared/session/events';
import type { KeyObject } from 'node:crypto';
import { sha256, verifyJournalText } from '../session/journal';
import { fingerprintOf, signBytes, verifyBytes } from './keys';
import { checkReviewSignatures, reviewRelevant, type ReviewSignature } from '../review/verify';
import { checkEntrySignatures, type JournalSignature, type Role } from './entrySignature';

/** Version 2: the REHEARSAL mark is inside every signature, and the core digest is over digests. */
export const BUNDLE_FORMAT = 'tejun-evidence/2';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Covers = z
  .object({
    core: Hex64,
    journalHead: Hex64,
    runbookSha256: Hex64,
    exports: z.array(z.object({ name: z.string(), format: z.enum(['md', 'html']), sha256: Hex64 }).strict()),
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
const TranscriptEntry = z
  .object({ name: z.string().min(1).max(300), sha256: Hex64, text: z.string().nullable() })
  .strict();

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
export const bundleFileName = (b: Pick<Bundle, 'rehearsal' | 'sessionId'>): string =>
  `${b.rehearsal ? 'REHEARSAL-' : ''}${b.sessionId}.tejun.json`;

/** The one form a bundle is written in: the schema's key order, one-space indent, a final newline. */
export const serializeBundle = (b: Bundle): string => `${JSON.stringify(Bundle.parse(b), null, 1)}\n`;

/**
 * What every signature covers besides the exports: the bundle's facts and the digests that bind its
 * contents (the runbook by its hash, the journal by its chain's head, each transcript by its digest).
 * Built from digests, so signing and verifying never serialise the whole bundle again.
 */
export const coreDigest = (b: Bundle): string =>
  sha256(
    JSON.stringify({
      format: b.format,
      sessionId: b.sessionId,
      title: b.title,
      rehearsal: b.rehearsal,
      outcome: b.outcome,
      createdAt: b.createdAt,
      runbook: { name: b.runbook.name, sha256: b.runbook.sha256 },
      journal: { entries: b.journal.entries, head: b.journal.head },
      transcripts: b.transcripts.map((t) => ({ name: t.name, sha256: t.sha256 })),
    }),
  );
const previousDigest = (sigs: Signature[]): string => sha256(JSON.stringify(sigs.map((s) => Signature.parse(s))));

function payload(b: Bundle, s: Omit<Signature, 'signature'>): Buffer {
  // Field order fixed here: this is exactly what is signed. The REHEARSAL mark is in it.
  const signed = {
    format: BUNDLE_FORMAT,
    sessionId: b.sessionId,
    rehearsal: b.rehearsal,
    name: s.name,
    role: s.role,
    signedAt: s.signedAt,
    fingerprint: s.fingerprint,
    covers: s.covers,
  };
  return Buffer.from(JSON.stringify(signed), 'utf8');
}

type Signer = { name: string; role: Role; key: KeyObject; publicKey: string };

/** Sign as asked, whatever is already there: the forgery tests use it to make what addSignature refuses. */
export function signBundle(input: Bundle, who: Signer, at: Date): Bundle {
  const b = Bundle.parse(input);
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
      exports: b.exports.map((e) => ({ name: e.name, format: e.format, sha256: e.sha256 })),
      previous: previousDigest(b.signatures),
    },
  };
  return { ...b, signatures: [...b.signatures, { ...unsigned, signature: signBytes(who.key, payload(b, unsigned)) }] };
}

/** Sign a bundle: the operator first (on the bundle or on the journal's sign-off), the approver after. */
export function addSignature(input: Bundle, who: Signer, at: Date): Bundle {
  const b = Bundle.parse(input);
  const entries = checkEntrySignatures(verifyJournalText(b.journal.text).entries);
  const operatorSigned =
    b.signatures.some((s) => s.role === 'operator') ||
    (entries.ok && entries.signatures.some((s) => s.role === 'operator'));
  if (who.role === 'approver' && !operatorSigned)
    throw new Error('The operator signs first; the approver counter-signs a bundle the operator has signed.');
  return signBundle(b, who, at);
}

/** A signature that holds, wherever it is: on a journal entry or on the bundle. */
export interface FoundSignature {
  where: 'journal' | 'bundle';
  kind: 'sign-off' | 'note' | 'bundle';
  /** What the bundle claims: never shown as the signer's name without saying so. */
  claimedName: string;
  role: Role | null;
  fingerprint: string;
  at: string;
  /** Where in the bundle: "journal entry 41", "signatures[0]". */
  place: string;
}

export interface VerifyResult {
  ok: boolean;
  /** The first problem, with its exact place; null when everything holds. */
  problem: string | null;
  bundle: Bundle | null;
  signatures: FoundSignature[];
  /** Confirmations, holds and sign-offs by people who joined through an invite, each signature checked. */
  reviews?: ReviewSignature[];
}

const fail = (problem: string, bundle: Bundle | null = null): VerifyResult => ({
  ok: false,
  problem,
  bundle,
  signatures: [],
});

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Parsed strictly (no unknown key, every field typed). What the bundle says is bound by a digest, the
// chain or a signature, so a changed byte that changes anything is found. The file is not compared
// with a re-serialisation: that would cost more than parsing it (bench:evidence), and re-spelling the
// same JSON (other whitespace, a \u escape) changes nothing it says.
function parseStrict(bytes: Uint8Array): { b: Bundle } | { problem: string } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { problem: 'The file is not valid UTF-8: it is damaged or not a tejun bundle.' };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return {
      problem: `The file is not valid JSON (${e instanceof Error ? e.message : String(e)}): it is damaged or not a tejun bundle.`,
    };
  }
  const parsed = Bundle.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { problem: `The bundle's structure is wrong at ${issue.path.join('.') || '(top)'}: ${issue.message}.` };
  }
  return { b: parsed.data };
}

function contentProblem(b: Bundle): string | null {
  const runbook = Buffer.from(b.runbook.base64, 'base64');
  if (runbook.toString('base64') !== b.runbook.base64)
    return 'runbook.base64 is not valid base64: the runbook text was altered.';
  if (sha256(runbook) !== b.runbook.sha256)
    return `The runbook text does not match its hash runbook.sha256 (${b.runbook.sha256.slice(0, 12)}…): the runbook was altered.`;
  for (const [i, t] of b.transcripts.entries())
    if (t.text !== null && sha256(t.text) !== t.sha256)
      return `transcripts[${i}] (${t.name}) does not match its digest: the transcript was altered.`;
  for (const [i, e] of b.exports.entries())
    if (sha256(e.text) !== e.sha256)
      return `exports[${i}] (${e.name}) does not match its digest: the export was altered.`;
  return null;
}

/** The entries the signature check reads: the first, the signed ones, and notes once signed off. */
function signatureRelevant(): (e: JournalEntry) => boolean {
  let signedOff = false;
  return (e) => {
    const t = e.event.type;
    if (t === 'sign-off') signedOff = true;
    return e.seq === 1 || t === 'sign-off' || t === 'signed-note' || (t === 'note' && signedOff) || reviewRelevant(e);
  };
}

/**
 * Lines that could hold an entry the signature check reads. Without a \u escape, a string that reads
 * "sign-off", "signed-note" or "note" has those letters in the line as they are (no other escape makes
 * a letter), so a line without them is none of those: it is hashed and its link checked, not parsed.
 */
const mayBeRelevant = (line: string, n: number): boolean =>
  n === 1 || line.includes('\\u') || line.includes('sign') || line.includes('note') || line.includes('person-joined');

function journalProblem(
  b: Bundle,
): { problem: string } | { signatures: JournalSignature[]; reviews: ReviewSignature[] } {
  const j = verifyJournalText(b.journal.text, { keep: signatureRelevant(), parse: mayBeRelevant });
  if (j.problems.length)
    return { problem: `Journal ${j.problems[0]!.kind} at entry ${j.problems[0]!.entry}: ${j.problems[0]!.message}` };
  if (j.count !== b.journal.entries)
    return { problem: `journal.entries says ${b.journal.entries} but the journal holds ${j.count}.` };
  if (j.lastHash !== b.journal.head)
    return { problem: `journal.head does not match the hash of the journal's last entry (entry ${j.count}).` };
  const created = j.entries[0]!.event;
  if (created.type !== 'session-created' || created.runbookSha256 !== b.runbook.sha256)
    return { problem: 'Journal entry 1 does not name this runbook: the runbook was swapped.' };
  if (created.sessionId !== b.sessionId || created.rehearsal !== b.rehearsal)
    return { problem: 'sessionId or the REHEARSAL mark does not match journal entry 1.' };
  if (created.title !== b.title) return { problem: 'The title does not match journal entry 1.' };
  const signed = checkEntrySignatures(j.entries);
  if (!signed.ok) return { problem: signed.problem };
  // A checker's or approver's decisions, signed by the key they registered when joining (core/review).
  const reviewed = checkReviewSignatures(j.entries);
  return reviewed.ok ? { signatures: signed.signatures, reviews: reviewed.reviews } : { problem: reviewed.problem };
}

function signatureProblem(b: Bundle, s: Signature, i: number, core: string): string | null {
  const where = `signatures[${i}] (${s.role})`;
  let fp: string | null;
  try {
    fp = fingerprintOf(s.publicKey);
  } catch {
    fp = null;
  }
  if (fp === null) return `${where}: the public key is not a readable Ed25519 key.`;
  if (fp !== s.fingerprint) return `${where}: the fingerprint does not belong to its public key.`;
  if (s.covers.core !== core)
    return `${where}: the bundle's runbook, journal, transcripts or REHEARSAL mark are not what was signed.`;
  if (s.covers.journalHead !== b.journal.head || s.covers.runbookSha256 !== b.runbook.sha256)
    return `${where}: signed a different journal head or runbook.`;
  if (s.covers.previous !== previousDigest(b.signatures.slice(0, i)))
    return `${where}: the signatures before it were changed.`;
  for (const e of s.covers.exports)
    if (!b.exports.some((x) => x.name === e.name && x.format === e.format && x.sha256 === e.sha256))
      return `${where}: a signed export is missing or different.`;
  const { signature, ...unsigned } = s;
  return verifyBytes(s.publicKey, payload(b, unsigned), signature) ? null : `${where}: the signature does not verify.`;
}

/** Is the bundle intact: its form, runbook, journal chain, digests and every signature. */
export function verifyBundle(bytes: Uint8Array): VerifyResult {
  const c = parseStrict(bytes);
  if ('problem' in c) return fail(c.problem);
  const b = c.b;
  const content = contentProblem(b);
  if (content) return fail(content, b);
  const journal = journalProblem(b);
  if ('problem' in journal) return fail(journal.problem, b);
  const core = coreDigest(b);
  for (const [i, s] of b.signatures.entries()) {
    const problem = signatureProblem(b, s, i, core);
    if (problem) return fail(problem, b);
  }
  const signatures: FoundSignature[] = [
    ...journal.signatures.map((j): FoundSignature => ({
      where: 'journal',
      kind: j.kind,
      claimedName: j.by,
      role: j.role,
      fingerprint: j.fingerprint,
      at: j.time,
      place: `journal entry ${j.seq}`,
    })),
    ...b.signatures.map((s, i): FoundSignature => ({
      where: 'bundle',
      kind: 'bundle',
      claimedName: s.name,
      role: s.role,
      fingerprint: s.fingerprint,
      at: s.signedAt,
      place: `signatures[${i}]`,
    })),
  ];
  return { ok: true, problem: null, bundle: b, signatures, reviews: journal.reviews };
}
