// What a joiner sees of the session besides the request: the navigator (steps and their state), the
// clocks, and the decisions of the night. Read-only: built from the folded state the host pushes.
import { sessionNow } from '../../../../shared/session/state';
import { phaseSteps } from '../../../../shared/session/timers';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { useNow } from '../../hooks';

const MARK: Record<string, string> = { pending: '○', active: '▶', done: '✓', skipped: '⤼', failed: '✗' };

export function Navigator() {
  const t = useT();
  const session = useAppStore((s) => s.session);
  if (!session) return null;
  const steps = phaseSteps(session.doc.model);
  return (
    <nav className="joiner-nav" aria-label={t('joiner.nav')}>
      <h2>{t('joiner.nav')}</h2>
      <ol>
        {steps.map((s) => {
          const state = session.state.steps[s.id]?.state ?? 'pending';
          return (
            <li key={s.id} data-state={state}>
              {MARK[state]} {s.title}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

const clock = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  return `${h}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

export function Clocks() {
  const t = useT();
  const state = useAppStore((s) => s.session?.state);
  const wall = useNow();
  if (!state) return null;
  const now = sessionNow(state, wall);
  const active = state.activeStepId ? state.steps[state.activeStepId]?.startedAt : null;
  return (
    <p className="joiner-clocks" data-testid="joiner-clocks">
      {t('joiner.lifecycle', { s: t(`life.${state.lifecycle}`) })}
      {state.releaseStartedAt !== null && ` · ${t('joiner.elapsed', { t: clock(now - state.releaseStartedAt) })}`}
      {active != null && ` · ${t('joiner.stepElapsed', { t: clock(now - active) })}`}
    </p>
  );
}

export function Decisions() {
  const t = useT();
  const state = useAppStore((s) => s.session?.state);
  if (!state) return null;
  const hhmm = (at: number) => new Date(at).toTimeString().slice(0, 5);
  const lines = [
    ...state.decisions.map((d) => ({ at: d.at, text: `${d.choice} — ${d.reason} (${d.by})` })),
    ...Object.values(state.review.decisions).map((d) => ({
      at: d.at,
      text: `${d.decision === 'confirm' ? '✓' : '⏸'} ${d.by}${d.reason ? ` — ${d.reason}` : ''}`,
    })),
  ].sort((a, b) => a.at - b.at);
  if (!lines.length) return null;
  return (
    <section aria-label={t('joiner.decisions')}>
      <h2>{t('joiner.decisions')}</h2>
      <ul>
        {lines.map((l, i) => (
          <li key={i}>
            {hhmm(l.at)} {l.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
