// The operator's side of four eyes: Invite… (Alt+E), the four-eyes switch of the current step, and while
// Run waits for a checker: how long, who is connected, and the documented way on without them.
import { useEffect, useState } from 'react';
import { allSteps, type Step } from '../../../../shared/model';
import { needsFourEyes, type ReviewState } from '../../../../shared/review';
import { sessionNow } from '../../../../shared/session/state';
import { useApi } from '../../api/ApiContext';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { InviteDialog } from './InviteDialog';
import { useNow } from '../../hooks';
import './review.css';

const mmss = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function ReviewBar() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const [open, setOpen] = useState(false);
  const wall = useNow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyE') {
        e.preventDefault();
        e.stopPropagation();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  if (!session) return null;
  const { state, doc } = session;
  const r = state.review;
  const step: Step | undefined = allSteps(doc.model).find((s) => s.id === state.activeStepId);
  const on = step ? needsFourEyes(step, doc.model.metadata.fields['four_eyes'], r.toggles) : false;
  const now = sessionNow(state, wall);
  const hhmm = (at: number) => new Date(at).toTimeString().slice(0, 5);
  const confirmed = step
    ? step.commands
        .map((c) => r.decisions[c.id])
        .filter((d) => d && d.decision === 'confirm' && !r.requests[d.textHash])
    : [];
  return (
    <section className="review-bar" aria-label={t('review.inviteTitle')}>
      <button className="btn btn-small" onClick={() => setOpen(true)} aria-keyshortcuts="Alt+E">
        {t('review.invite')}
      </button>
      {step && (
        <label>
          <input
            type="checkbox"
            checked={on}
            onChange={(e) =>
              void api.invoke('session:command', {
                sessionId: session.sessionId,
                command: { type: 'four-eyes-set', stepId: step.id, on: e.target.checked, by: state.operator },
              })
            }
          />{' '}
          {t('review.fourEyes')}
        </label>
      )}
      {confirmed.map((d) => (
        <p key={d!.textHash} className="review-confirmed" data-testid="review-confirmed">
          {d!.decision === 'confirm' && t('review.confirmedBy', { n: d!.by, t: hhmm(d!.at) })}
        </p>
      ))}
      {Object.entries(r.requests).map(([commandId, q]) => (
        <WaitingCard key={commandId} commandId={commandId} request={q} waited={now - q.at} />
      ))}
      {open && <InviteDialog sessionId={session.sessionId} onClose={() => setOpen(false)} />}
    </section>
  );
}

/** Run waits for a checker: for how long, who could answer, and the documented way on without them. */
function WaitingCard(p: { commandId: string; request: ReviewState['requests'][string]; waited: number }) {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const [reason, setReason] = useState('');
  if (!session) return null;
  const { state } = session;
  const q = p.request;
  const checkers = Object.values(state.review.people).filter((x) => x.role !== 'watcher');
  return (
    <div className="review-waiting" role="status" data-testid="review-waiting">
      <strong>{t('review.waiting', { t: mmss(p.waited) })}</strong>
      <p>
        {checkers.length
          ? t('review.waitingWho', { n: checkers.map((c) => c.name).join(', ') })
          : t('review.noChecker')}
      </p>
      <pre className="command-text">{q.shown}</pre>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return;
          const by = state.operator || 'operator';
          const command = {
            type: 'review-override' as const,
            stepId: q.stepId,
            commandId: p.commandId,
            textHash: q.textHash,
            reason,
            by,
          };
          void api.invoke('session:command', { sessionId: session.sessionId, command });
          setReason('');
        }}
      >
        <label>
          {t('review.overrideReason')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="submit" className="btn">
          {t('review.override')}
        </button>
      </form>
    </div>
  );
}
