// The header's clocks: elapsed since the release start, the rollback decision deadline (amber at
// 30 minutes, red at 10), the hotfix timer, and time to the next progress report.
import { sessionNow } from '../../../../shared/session/state';
import { HOTFIX_MIN, nextTimer, plannedWindowEnd, rollbackLimitMinutes } from '../../../../shared/session/timers';
import { formatDuration, hhmm, useNow } from '../../hooks';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { NoReturnClock } from './NoReturn';
import { isFinished } from '../../../../shared/session/lifecycle';

export function SessionClocks() {
  const t = useT();
  const session = useAppStore((s) => s.session);
  const wall = useNow(1000 / Math.min(session?.state.speed ?? 1, 4));
  if (!session) return null;
  const { state, doc } = session;
  const now = sessionNow(state, wall);
  const live = !isFinished(state.lifecycle);
  const start = state.releaseStartedAt;
  const deadline = start !== null ? start + rollbackLimitMinutes(doc.model) * 60_000 : null;
  const left = deadline !== null ? deadline - now : null;
  const level = left === null ? '' : left <= 10 * 60_000 ? 'clock-red' : left <= 30 * 60_000 ? 'clock-amber' : '';
  const report = live ? nextTimer(doc.model, state, now, 'progress-report') : null;
  const hotfixLeft =
    state.hotfix && state.hotfix.fixed === null ? state.hotfix.startedAt + HOTFIX_MIN * 60_000 - now : null;
  // The planned window's end is a wall-clock time (a rehearsal's fast clock does not move it).
  const windowEnd = state.rehearsal ? null : plannedWindowEnd(doc.model.metadata.window);
  return (
    <div className="clocks" role="timer" aria-live="off">
      <span className={`life life-${state.lifecycle}`}>{t(`life.${state.lifecycle}`)}</span>
      <span className="clock" data-testid="operator">
        <span className="clock-label">{t('clock.operator')}</span> <b>{state.operator}</b>
      </span>
      {start !== null && (
        <span className="clock">
          <span className="clock-label">{t('clock.elapsed')}</span>{' '}
          <b>{formatDuration(Math.max(0, (live ? now : (state.completedAt ?? now)) - start))}</b>
        </span>
      )}
      {live && left !== null && (state.lifecycle === 'running' || state.lifecycle === 'monitoring') && (
        <span className={`clock ${level}`} data-testid="deadline">
          <span className="clock-label">{left > 0 ? t('clock.deadline') : t('clock.deadlinePassed')}</span>{' '}
          <b>{formatDuration(left)}</b>
        </span>
      )}
      {live && (state.lifecycle === 'running' || state.lifecycle === 'monitoring') && <NoReturnClock now={now} />}
      {live && windowEnd !== null && (
        <span className={`clock ${windowEnd - wall <= 0 ? 'clock-red' : ''}`} data-testid="window-end">
          <span className="clock-label">{t('clock.windowEnd')}</span> <b>{hhmm(windowEnd)}</b>
        </span>
      )}
      {hotfixLeft !== null && (
        <span className={`clock ${hotfixLeft <= 10 * 60_000 ? 'clock-red' : 'clock-amber'}`}>
          <span className="clock-label">{t('clock.hotfix')}</span> <b>{formatDuration(hotfixLeft)}</b>
        </span>
      )}
      {report && (
        <span className="clock">
          <span className="clock-label">{t('clock.report')}</span> <b>{formatDuration(report.dueAt - now)}</b>
        </span>
      )}
    </div>
  );
}
