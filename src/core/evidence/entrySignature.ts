// Signatures inside the journal: the operator's sign-off and every note after it carry an Ed25519
// signature over their own words, the session, the runbook's hash, the REHEARSAL mark and the hash of
// the entry they follow. A bundle re-issued later (with later notes) still proves who signed off, and
// when; a rehearsal cannot be passed off as a release without breaking every one of them.
import type { KeyObject } from 'node:crypto';
import type { EntrySignature, JournalEntry, SignedEvent } from '../../shared/session/events';
import type { SessionState } from '../../shared/session/state';
import { TejunError } from '../../shared/errors';
import { fingerprintOf, keyProblem, signBytes, verifyBytes, type PublicIdentity } from './keys';

export type Role = 'operator' | 'approver';

interface Signed {
  sessionId: string;
  runbookSha256: string;
  rehearsal: boolean;
  after: string;
  kind: 'sign-off' | 'note';
  by: string;
  role?: string;
  text?: string;
}

// Field order fixed here: this is exactly what is signed.
const payload = (p: Signed) =>
  Buffer.from(
    JSON.stringify({
      sessionId: p.sessionId,
      runbookSha256: p.runbookSha256,
      rehearsal: p.rehearsal,
      after: p.after,
      kind: p.kind,
      by: p.by,
      role: p.role ?? null,
      text: p.text ?? null,
    }),
    'utf8',
  );

export function signEntry(key: KeyObject, publicKey: string, p: Signed): EntrySignature {
  return { publicKey, fingerprint: fingerprintOf(publicKey), after: p.after, value: signBytes(key, payload(p)) };
}

/** Whether an entry's signature holds for what it says; the reason when not. */
function checkEntry(created: Omit<Signed, 'after' | 'kind' | 'by'>, ev: SignedEvent, prev: string): string | null {
  const sig = ev.signature as EntrySignature | undefined;
  if (!sig || typeof sig !== 'object') return 'it carries no signature.';
  if (sig.after !== prev) return 'signed as following another entry than the one it follows.';
  const bad = keyProblem(sig);
  if (bad) return bad;
  if (ev.type === 'sign-off' && ev.fingerprint !== sig.fingerprint)
    return 'the sign-off names another key than the one that signed it.';
  const words =
    ev.type === 'sign-off' ? { kind: 'sign-off' as const, role: ev.role } : { kind: 'note' as const, text: ev.text };
  const p: Signed = { ...created, after: sig.after, by: ev.by, ...words };
  return verifyBytes(sig.publicKey, payload(p), sig.value) ? null : 'the signature does not verify.';
}

export interface JournalSignature {
  seq: number;
  time: string;
  kind: 'sign-off' | 'note';
  /** The name the entry claims; who the key belongs to is the trust list's to say. */
  by: string;
  role: Role | null;
  fingerprint: string;
}

export type EntryCheck = { ok: true; signatures: JournalSignature[] } | { ok: false; problem: string };

const isSigned = (e: JournalEntry): e is JournalEntry & { event: SignedEvent } =>
  e.event.type === 'sign-off' || e.event.type === 'signed-note';

/**
 * Every sign-off and signed note of a verified journal: each must carry a signature that holds, over
 * the session, runbook and REHEARSAL mark of entry 1. An unsigned sign-off, or a note after sign-off
 * without a signature, is a forgery.
 */
export function checkEntrySignatures(entries: readonly JournalEntry[]): EntryCheck {
  const first = entries[0]?.event;
  if (!first || first.type !== 'session-created')
    return { ok: false, problem: 'Journal entry 1 is not the creation of the session.' };
  const created = { sessionId: first.sessionId, runbookSha256: first.runbookSha256, rehearsal: first.rehearsal };
  const signatures: JournalSignature[] = [];
  let signedOff = false;
  for (const e of entries) {
    if (e.event.type === 'note' && signedOff)
      return { ok: false, problem: `journal entry ${e.seq} (note): a note after sign-off without a signature.` };
    if (!isSigned(e)) continue;
    const ev = e.event;
    const why = checkEntry(created, ev, e.prev);
    if (why) return { ok: false, problem: `journal entry ${e.seq} (${ev.type} by ${ev.by}): ${why}` };
    if (ev.type === 'sign-off') signedOff = true;
    signatures.push({
      seq: e.seq,
      time: e.time,
      kind: ev.type === 'sign-off' ? 'sign-off' : 'note',
      by: ev.by,
      role: ev.type === 'sign-off' ? ev.role : null,
      fingerprint: ev.signature.fingerprint,
    });
  }
  return { ok: true, signatures };
}

interface Chained {
  id: string;
  state: SessionState;
  submitChained(make: (after: string) => SignedEvent): Promise<SessionState>;
}
interface Signer {
  name: string;
  key: KeyObject;
  identity: PublicIdentity;
}

/** Made here only, so core checks each signature before the entry is journaled. */
function signed(
  session: Chained,
  signer: Signer,
  make: (after: string, sign: (w: Pick<Signed, 'kind' | 'role' | 'text'>) => EntrySignature) => SignedEvent,
) {
  const { runbookSha256, rehearsal } = session.state;
  const created = { sessionId: session.id, runbookSha256, rehearsal };
  return session.submitChained((after) => {
    const event = make(after, (w) =>
      signEntry(signer.key, signer.identity.publicKey, { ...created, after, by: signer.name, ...w }),
    );
    const why = checkEntry(created, event, after);
    if (why) throw new TejunError('KEY_REFUSED', `The signature could not be made: ${why}`);
    return event;
  });
}

/** The signed sign-off entry: the only way a sign-off reaches a journal. */
export function journalSignOff(session: Chained, signer: Signer, role: Role): Promise<SessionState> {
  return signed(session, signer, (_after, sign) => ({
    type: 'sign-off',
    by: signer.name,
    role,
    fingerprint: signer.identity.fingerprint,
    signature: sign({ kind: 'sign-off', role }),
  }));
}

/** A note after sign-off (or any time), signed; `text` is already redacted, so the signature covers what is kept. */
export function journalSignedNote(session: Chained, signer: Signer, text: string): Promise<SessionState> {
  return signed(session, signer, (_after, sign) => ({
    type: 'signed-note',
    text,
    by: signer.name,
    signature: sign({ kind: 'note', text }),
  }));
}
