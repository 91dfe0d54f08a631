// The point of no return beside the rollback deadline (amber at 15 minutes, red at 5), and the line in
// the rollback question that says by when the rollback must start to finish in time.
import { sessionNow } from '../../../../shared/session/state';
import { pointOfNoReturn, type NoReturn } from '../../../../shared/session/noReturn';
import { plannedWindowEnd, rollbackLimitMinutes } from '../../../../shared/session/timers';
import { formatDuration, hhmm, useNow } from '../../hooks';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

function useNoReturn(): NoReturn | null {
  const session = useAppStore((s) => s.session);
  if (!session) return null;
  const { state, doc } = session;
  const windowEnd = state.rehearsal ? null : plannedWindowEnd(doc.model.metadata.window);
  return pointOfNoReturn(doc.model, state, doc.text, rollbackLimitMinutes(doc.model), windowEnd);
}

export function NoReturnClock({ now }: { now: number }) {
  const t = useT();
  const p = useNoReturn();
  if (!p) return null;
  const left = p.at - now;
  const level = left <= 5 * 60_000 ? 'clock-red' : left <= 15 * 60_000 ? 'clock-amber' : '';
  return (
    <span
      className={`clock ${level}`}
      data-testid="no-return"
      title={t('clock.noReturnHint', { n: p.estimateMinutes, end: hhmm(p.end) })}
    >
      <span className="clock-label">{t('clock.noReturn')}</span> <b>{hhmm(p.at)}</b>
      <span className="clock-label"> ({formatDuration(left)})</span>
    </span>
  );
}

export function NoReturnLine() {
  const t = useT();
  const p = useNoReturn();
  const session = useAppStore((s) => s.session);
  const wall = useNow(1000);
  if (!p || !session) return null;
  const now = sessionNow(session.state, wall);
  const args = { at: hhmm(p.at), end: hhmm(p.end), n: p.estimateMinutes };
  return (
    <p className={`banner ${now > p.at ? 'banner-error' : 'banner-warn'}`} data-testid="no-return-line">
      {now > p.at ? t('question.noReturnPassed', args) : t('question.noReturn', args)}
    </p>
  );
}
