import { useApi } from '../../api/ApiContext';
import { openPath, openSession } from '../../actions';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { BundleCheck } from '../evidence/BundleCheck';
import { OpenButton } from './OpenButton';
import { WaitingShells } from '../terminal/WaitingShells';

export function RunbookPicker() {
  const api = useApi();
  const t = useT();
  const recent = useAppStore((s) => s.settings.recentRunbooks);
  const sessions = useAppStore((s) => s.sessions);
  return (
    <section className="picker" aria-labelledby="picker-title">
      <h2 id="picker-title">{t('picker.title')}</h2>
      <p className="lead">{t('picker.lead')}</p>
      <div className="dropzone">
        <OpenButton />
        <p className="muted">{t('picker.drop')}</p>
      </div>
      <WaitingShells />
      <BundleCheck />
      <h3>{t('session.list')}</h3>
      {sessions.length === 0 ? (
        <p className="muted">{t('session.none')}</p>
      ) : (
        <ul className="recent" data-testid="sessions">
          {sessions.slice(0, 20).map((s) => (
            <li key={s.sessionId}>
              <button
                type="button"
                className="link"
                disabled={s.lifecycle === 'unreadable'}
                onClick={() => void openSession(api, s.sessionId)}
              >
                <span className="recent-title">
                  <span className={`life life-${s.lifecycle}`}>{t(`life.${s.lifecycle}`)}</span> {s.title}{' '}
                  {s.outcome && <span className="muted">· {t(`outcome.${s.outcome}`)}</span>}
                </span>
                <span className="recent-path">
                  {s.createdAt.replace('T', ' ').slice(0, 16)} · {s.sessionId}
                  {s.problems[0] ? ` · ${s.problems[0]}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('picker.recent')}</h3>
      {recent.length === 0 ? (
        <p className="muted">{t('picker.none')}</p>
      ) : (
        <ul className="recent">
          {recent.map((r) => (
            <li key={r.path}>
              <button type="button" className="link" onClick={() => void openPath(api, r.path)}>
                <span className="recent-title">{r.title}</span>
                <span className="recent-path">{r.path}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
