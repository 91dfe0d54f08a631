// Signatures inside the journal: the operator's sign-off and every note after it carry an Ed25519
// signature over their own words, the session, the runbook's hash and the hash of the entry they
// follow. A bundle re-issued later (with later notes) still proves who signed off, and when.
import type { KeyObject } from 'node:crypto';
import type { EntrySignature, JournalEntry } from '../../shared/session/events';
import { fingerprintOf, signBytes, verifyBytes } from './keys';

interface Signed {
  sessionId: string;
  runbookSha256: string;
  after: string;
  kind: 'sign-off' | 'note';
  by: string;
  role?: string;
  text?: string;
}

const payload = (p: Signed) => Buffer.from(JSON.stringify({ sessionId: p.sessionId, runbookSha256: p.runbookSha256, after: p.after, kind: p.kind, by: p.by, role: p.role ?? null, text: p.text ?? null }), 'utf8');

export function signEntry(key: KeyObject, publicKey: string, p: Signed): EntrySignature {
  return { publicKey, fingerprint: fingerprintOf(publicKey), after: p.after, value: signBytes(key, payload(p)) };
}

/** The first journal entry whose signature does not hold, or null. */
export function verifyEntrySignatures(entries: readonly JournalEntry[]): string | null {
  const created = entries[0]?.event;
  if (!created || created.type !== 'session-created') return null;
  for (const e of entries) {
    const ev = e.event;
    if ((ev.type !== 'sign-off' && ev.type !== 'note') || !ev.signature) continue;
    const sig = ev.signature;
    const where = `journal entry ${e.seq} (${ev.type} by ${ev.by})`;
    if (sig.after !== e.prev) return `${where}: signed as following another entry than the one it follows.`;
    let fp: string;
    try {
      fp = fingerprintOf(sig.publicKey);
    } catch {
      return `${where}: the public key is not readable.`;
    }
    if (fp !== sig.fingerprint) return `${where}: the fingerprint does not belong to its public key.`;
    const p: Signed = { sessionId: created.sessionId, runbookSha256: created.runbookSha256, after: sig.after, kind: ev.type, by: ev.by, ...(ev.type === 'sign-off' ? { role: ev.role } : { text: ev.text }) };
    if (!verifyBytes(sig.publicKey, payload(p), sig.value)) return `${where}: the signature does not verify.`;
  }
  return null;
}

export interface JournalSignature {
  seq: number;
  time: string;
  kind: 'sign-off' | 'note';
  by: string;
  role: 'operator' | 'approver' | null;
  fingerprint: string;
}

/** The signatures carried by journal entries, in order (whether they verify is verifyEntrySignatures' job). */
export function journalSignatures(entries: readonly JournalEntry[]): JournalSignature[] {
  return entries.flatMap((e) => {
    const ev = e.event;
    if ((ev.type !== 'sign-off' && ev.type !== 'note') || !ev.signature) return [];
    return [{ seq: e.seq, time: e.time, kind: ev.type, by: ev.by, role: ev.type === 'sign-off' ? ev.role : null, fingerprint: ev.signature.fingerprint }];
  });
}
