// What the operator does next, as a key: when it changes, the focus follows (see follow.ts).
import { gateReady } from '../../../../shared/session/walk';
import { currentStep } from '../../features/session/current';
import type { AppState } from '../../store';

export function nextActionKey(s: AppState): string {
  if (!s.doc) return '';
  const session = s.session;
  if (!session) return `open:${s.doc.sha256}`;
  const { state } = session;
  const step = currentStep(session, s.selected);
  const stepState = step ? (state.steps[step.id]?.state ?? 'pending') : '-';
  const gate = gateReady(session.doc.model, state) ? 'gate' : '';
  return [session.sessionId, state.lifecycle, step?.id ?? '-', stepState, gate].join('|');
}
