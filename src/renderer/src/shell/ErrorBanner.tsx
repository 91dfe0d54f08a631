import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import { errorText } from './errorText';

/** Errors stay on screen until the operator dismisses them: at 2 a.m. a toast that fades is a toast missed. */
export function ErrorBanner() {
  const errors = useAppStore((s) => s.errors);
  const dismiss = useAppStore((s) => s.dismissError);
  const connection = useAppStore((s) => s.connection);
  const t = useT();
  return (
    <div className="banners" role="alert" aria-live="assertive">
      {connection === 'lost' && <div className="banner banner-error">{t('conn.lost')}</div>}
      {connection === 'refused' && (
        <div className="banner banner-error" data-testid="conn-refused">
          {t('conn.refused')}
        </div>
      )}
      {errors.map((e, i) => (
        <div className="banner banner-error" key={`${i}-${e.code}`} data-code={e.code}>
          <strong>{t('error.title')}:</strong> <span className="banner-text">{errorText(e, t)}</span>
          <button type="button" className="btn btn-small" onClick={() => dismiss(i)}>
            {t('error.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
