// The review part of the fold: four-eyes toggles, requests, signed decisions, who is connected. Pure, like
// machine.ts (which hands these events here); a hostile journal gets the same refusals as a live request.
import type { SessionEvent } from '../../shared/session/events';
import type { SessionState } from '../../shared/session/state';
import type { StepIndex } from '../session/machine';
import { reject, type Applied } from '../session/fold';

export type ReviewEvent = Extract<
  SessionEvent,
  {
    type:
      | 'four-eyes-set'
      | 'review-requested'
      | 'review-decision'
      | 'review-override'
      | 'person-joined'
      | 'person-left'
      | 'access-refused';
  }
>;

const REVIEW_TYPES = new Set<string>([
  'four-eyes-set',
  'review-requested',
  'review-decision',
  'review-override',
  'person-joined',
  'person-left',
  'access-refused',
]);

export const isReviewEvent = (e: SessionEvent): e is ReviewEvent => REVIEW_TYPES.has(e.type);

/** The same person, however the name was typed (NFC, spaces). */
export const samePerson = (a: string, b: string): boolean =>
  a.normalize('NFC').replace(/\s+/g, '') === b.normalize('NFC').replace(/\s+/g, '');

const omit = <T>(r: Record<string, T>, key: string): Record<string, T> => {
  const { [key]: _gone, ...rest } = r;
  return rest;
};

export function applyReview(s: SessionState, e: ReviewEvent, at: number, idx: StepIndex, closed: boolean): Applied {
  const r = s.review;
  const ok = (review: Partial<SessionState['review']>, extra: Partial<SessionState> = {}): Applied => ({
    ok: true,
    state: { ...s, ...extra, review: { ...r, ...review } },
  });
  switch (e.type) {
    case 'person-joined':
      return ok({ people: { ...r.people, [e.personId]: { ...e, at } } });
    case 'person-left':
      return ok({ people: omit(r.people, e.personId) });
    case 'access-refused':
      return ok({ refused: r.refused + 1 });
  }
  if (e.type === 'review-decision' && e.signed.decision === 'sign-off') {
    if (!closed) return reject('reject.review.signOffNotCompleted');
    return ok({ signOffs: [...r.signOffs, { by: e.signed.by, fingerprint: e.signature.fingerprint, at }] });
  }
  if (closed) return reject('reject.review.closed');
  if (e.type === 'four-eyes-set') {
    if (e.stepId !== '*' && !idx.byId.has(e.stepId)) return reject('reject.review.unknownStep', { step: e.stepId });
    return ok({ toggles: { ...r.toggles, [e.stepId]: e.on } });
  }
  if (e.type === 'review-requested') {
    if (!idx.byId.has(e.stepId)) return reject('reject.review.unknownStep', { step: e.stepId });
    const request = { stepId: e.stepId, textHash: e.textHash, shown: e.shown, at };
    return ok({ requests: { ...r.requests, [e.commandId]: request }, decisions: omit(r.decisions, e.commandId) });
  }
  const commandId = e.type === 'review-decision' ? e.signed.commandId : e.commandId;
  const textHash = e.type === 'review-decision' ? e.signed.textHash : e.textHash;
  const open = r.requests[commandId];
  if (!open) return reject('reject.review.nothingWaiting');
  if (open.textHash !== textHash) return reject('reject.review.changed');
  if (e.type === 'review-override')
    return ok({
      requests: omit(r.requests, commandId),
      overrides: { ...r.overrides, [commandId]: { stepId: open.stepId, textHash, reason: e.reason, by: e.by, at } },
    });
  const { signed } = e;
  if (samePerson(signed.by, s.operator)) return reject('reject.review.selfCheck');
  const record = {
    decision: signed.decision,
    by: signed.by,
    role: signed.role,
    fingerprint: e.signature.fingerprint,
    textHash,
    reason: signed.reason,
    at,
  };
  const decisions = { ...r.decisions, [commandId]: record };
  if (signed.decision === 'confirm') return ok({ requests: omit(r.requests, commandId), decisions });
  const detail = `${signed.by}: ${signed.reason}`;
  return ok(
    { requests: omit(r.requests, commandId), decisions },
    { attention: { kind: 'review-hold', stepId: open.stepId, commandId, detail, at } },
  );
}
