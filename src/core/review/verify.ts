// `tejun verify` on the second pair of eyes: every confirmation, hold and sign-off by a remote person
// must carry a signature that holds, about this session, by the key that person registered when joining.
import type { JournalEntry } from '../../shared/session/events';
import type { Decision } from '../../shared/review';
import { signatureProblem } from './signatures';

export interface ReviewSignature {
  seq: number;
  time: string;
  stepId: string;
  decision: Decision;
  by: string;
  role: string;
  fingerprint: string;
  reason: string;
}

export type ReviewCheck = { ok: true; reviews: ReviewSignature[] } | { ok: false; problem: string };

/** Entries this check reads (the rest of the journal is hashed, not parsed). */
export const reviewRelevant = (e: JournalEntry): boolean =>
  e.event.type === 'review-decision' || e.event.type === 'person-joined';

export function checkReviewSignatures(entries: readonly JournalEntry[]): ReviewCheck {
  const first = entries[0]?.event;
  const sessionId = first?.type === 'session-created' ? first.sessionId : '';
  // Keys registered at join, by name: a decision signed by any other key is not that person's.
  const keys = new Map<string, Set<string>>();
  const reviews: ReviewSignature[] = [];
  for (const e of entries) {
    const ev = e.event;
    if (ev.type === 'person-joined') keys.set(ev.name, (keys.get(ev.name) ?? new Set()).add(ev.fingerprint));
    if (ev.type !== 'review-decision') continue;
    const where = `journal entry ${e.seq} (${ev.signed?.decision ?? '?'} by ${ev.signed?.by ?? '?'})`;
    if (!ev.signed || !ev.signature) return { ok: false, problem: `${where}: it carries no signature.` };
    if (ev.signed.sessionId !== sessionId) return { ok: false, problem: `${where}: signed for another session.` };
    if (!keys.get(ev.signed.by)?.has(ev.signature.fingerprint))
      return { ok: false, problem: `${where}: signed by a key that person did not register when joining.` };
    const why = signatureProblem(ev.signed, ev.signature);
    if (why) return { ok: false, problem: `${where}: ${why}` };
    const { stepId, decision, by, role, reason } = ev.signed;
    reviews.push({
      seq: e.seq,
      time: e.time,
      stepId,
      decision,
      by,
      role,
      fingerprint: ev.signature.fingerprint,
      reason,
    });
  }
  return { ok: true, reviews };
}
