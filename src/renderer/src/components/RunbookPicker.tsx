import { useApi } from '../api/ApiContext';
import { openPath } from '../actions';
import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import { OpenButton } from './OpenButton';

export function RunbookPicker() {
  const api = useApi();
  const t = useT();
  const recent = useAppStore((s) => s.settings.recentRunbooks);
  return (
    <section className="picker" aria-labelledby="picker-title">
      <h2 id="picker-title">{t('picker.title')}</h2>
      <p className="lead">{t('picker.lead')}</p>
      <div className="dropzone">
        <OpenButton />
        <p className="muted">{t('picker.drop')}</p>
      </div>
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
