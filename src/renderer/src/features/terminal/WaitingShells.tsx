// The start screen's list of session shells that outlived their window and that nobody came back to:
// what runs in each (a `pg_restore`, a step's command, or just the prompt), and two actions, open the
// session (which reattaches them) or end the shell. Refreshed while the start screen shows.
import { useEffect, useState } from 'react';
import type { Result } from '../../../../shared/contract';
import { toErrorPayload } from '../../../../shared/errors';
import { openSession } from '../../actions';
import { useApi } from '../../api/ApiContext';
import { hhmm } from '../../hooks';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

type Waiting = Result<'terminal:waiting'>;
const REFRESH_MS = 3000;

export function WaitingShells() {
  const api = useApi();
  const t = useT();
  const [list, setList] = useState<Waiting>([]);
  useEffect(() => {
    let live = true;
    const load = (): void =>
      void api
        .invoke('terminal:waiting', {})
        .then((l) => live && setList(l))
        .catch(() => {});
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api]);
  if (list.length === 0) return null;
  const end = (w: Waiting[number]): void =>
    void api
      .invoke('terminal:end', { id: w.id })
      .then(() => setList((l) => l.filter((x) => x.id !== w.id)))
      .catch((e: unknown) => useAppStore.getState().pushError(toErrorPayload(e)));
  return (
    <section className="waiting-shells" aria-labelledby="waiting-title" data-testid="waiting-shells">
      <h3 id="waiting-title">{t('waiting.title')}</h3>
      <p className="muted">{t('waiting.lead')}</p>
      <ul className="recent">
        {list.map((w) => (
          <li key={w.id} className="waiting-shell" data-terminal-id={w.id}>
            <span className="recent-title">
              {w.title} · {t('terminal.tab', { n: w.name })} ·{' '}
              <b>
                {w.process === w.shell
                  ? t('waiting.idle', { shell: w.shell })
                  : t('waiting.running', { process: w.process })}
              </b>
            </span>
            <span className="recent-path">
              {w.step ? `${t('waiting.step', { step: w.step })} · ` : ''}
              {t('waiting.since', { time: hhmm(w.detachedAt) })} · {w.sessionId}
            </span>
            <span className="waiting-actions">
              <button
                type="button"
                className="btn btn-small btn-primary"
                onClick={() => void openSession(api, w.sessionId)}
              >
                {t('waiting.open')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => end(w)}>
                {t('waiting.end')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
