// Four eyes at Run: a step that needs a checker runs only the exact text a checker confirmed (or the
// operator overrode, with a reason). Otherwise the request is journaled and Run answers "waiting".
import { randomBytes } from 'node:crypto';
import { TejunError } from '../../shared/errors';
import type { Step } from '../../shared/model';
import { needsFourEyes } from '../../shared/review';
import type { OpenSession } from '../session/sessions';
import { bindingHash } from './signatures';

// A key per host process: a confirmation bound to a secret's HMAC does not survive a restart (asked again).
const hmacKeys = new WeakMap<OpenSession, Buffer>();
const keyOf = (s: OpenSession): Buffer => {
  let k = hmacKeys.get(s);
  if (!k) hmacKeys.set(s, (k = randomBytes(32)));
  return k;
};

export interface Binding {
  textHash: string;
  shown: string;
}

/** What the checker is shown (secrets masked) and the hash a confirmation must carry. */
export function bind(session: OpenSession, rendered: string): Binding {
  const shown = session.secrets.redactor().redact(rendered);
  return { shown, textHash: bindingHash(rendered, shown, keyOf(session)) };
}

export function fourEyesOn(session: OpenSession, step: Step): boolean {
  return needsFourEyes(step, session.doc.model.metadata.fields['four_eyes'], session.state.review.toggles);
}

/** Resolves when the command may run; throws WAITING_FOR_CHECKER (after journaling the request) when not. */
export async function fourEyesGate(
  session: OpenSession,
  step: Step,
  commandId: string,
  rendered: string,
  operator: string,
): Promise<void> {
  if (!fourEyesOn(session, step)) return;
  const { textHash, shown } = bind(session, rendered);
  const r = session.state.review;
  const decision = r.decisions[commandId];
  if (decision?.decision === 'confirm' && decision.textHash === textHash) return;
  if (r.overrides[commandId]?.textHash === textHash) return;
  const lang = session.doc.model.language;
  const open = r.requests[commandId];
  if (open?.textHash !== textHash)
    await session.submit({ type: 'review-requested', stepId: step.id, commandId, textHash, shown, by: operator });
  const checkers = Object.values(session.state.review.people).filter((p) => p.role !== 'watcher');
  const who = checkers.map((p) => p.name).join(', ');
  throw new TejunError(
    'WAITING_FOR_CHECKER',
    lang === 'ja'
      ? `確認者の確認待ちです（${who || '接続中の確認者はいません'}）。確認されると実行できます。`
      : `Waiting for the checker (${who || 'no checker connected'}). Once confirmed, Run goes ahead.`,
    { field: commandId },
  );
}
