// The header: the runbook's title and version, the rehearsal badges, the session's clocks and the tools.
import { useApi } from '../api/ApiContext';
import { refreshSessions, updateSettings } from '../actions';
import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import { LANGUAGES, THEMES } from '../../../shared/settings';
import { withValues } from '../../../shared/variables';
import { OpenButton } from '../features/runbook/OpenButton';
import { SessionClocks } from '../features/session/SessionClocks';

const ISOLATION_NAMES = {
  bwrap: 'bubblewrap',
  unshare: 'unshare',
  'sandbox-exec': 'sandbox-exec',
  'shims-only': '',
} as const;

export function Header() {
  const t = useT();
  const doc = useAppStore((s) => s.doc);
  const values = useAppStore((s) => s.session?.state.variables);
  return (
    <header className="app-header">
      <div className="brand" aria-label={t('app.name')}>
        <img src="./favicon.svg" alt="" width={22} height={22} />
        <span>{t('app.name')}</span>
      </div>
      <h1 className="runbook-title" title={doc?.path ?? doc?.name}>
        {doc ? doc.title : t('app.tagline')}
      </h1>
      {doc?.model.metadata.version && (
        <span className="runbook-version" data-testid="runbook-version">
          {withValues(doc.model.metadata.version, values ?? {})}
        </span>
      )}
      <RehearsalBadges />
      <SessionClocks />
      <HeaderTools />
    </header>
  );
}

/** In a rehearsal: the badge (with its speed) and how the sandbox isolates it, with what it blocked. */
function RehearsalBadges() {
  const t = useT();
  const rehearsal = useAppStore((s) => s.session?.state.rehearsal ?? false);
  const speed = useAppStore((s) => s.session?.state.speed ?? 1);
  const isolation = useAppStore((s) => s.session?.state.isolation ?? null);
  const blocked = useAppStore((s) => s.session?.state.blockedCount ?? 0);
  const open = isolation?.kind === 'shims-only';
  return (
    <>
      {rehearsal && (
        <span
          className="rehearsal-badge"
          data-testid="rehearsal-badge"
          title={open ? t('rehearsal.badgeHintShimsOnly') : t('rehearsal.badgeHint')}
        >
          {t('rehearsal.badge')}
          {speed > 1 ? ` ×${speed}` : ''}
        </span>
      )}
      {rehearsal && isolation && (
        <span
          className={`rehearsal-isolation${open ? ' is-open' : ''}`}
          data-testid="rehearsal-isolation"
          title={isolation.note}
        >
          {open
            ? t('rehearsal.isolation.shimsOnly')
            : t('rehearsal.isolation.sandboxed', { how: ISOLATION_NAMES[isolation.kind] })}
          {blocked ? ` · ${t('rehearsal.isolation.blocked', { n: blocked })}` : ''}
        </span>
      )}
    </>
  );
}

/** Open another runbook, close this one (or the session), language and theme. */
function HeaderTools() {
  const api = useApi();
  const t = useT();
  const doc = useAppStore((s) => s.doc !== null);
  const settings = useAppStore((s) => s.settings);
  const setDoc = useAppStore((s) => s.setDoc);
  const inSession = useAppStore((s) => s.session !== null);
  return (
    <div className="header-tools">
      {doc && (
        <>
          <OpenButton small />
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setDoc(null);
              void refreshSessions(api);
            }}
          >
            {inSession ? t('header.closeSession') : t('header.close')}
          </button>
        </>
      )}
      <label className="select">
        <span>{t('header.language')}</span>
        <select
          value={settings.language}
          onChange={(e) => void updateSettings(api, { language: e.target.value as (typeof LANGUAGES)[number] })}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`lang.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="select">
        <span>{t('header.theme')}</span>
        <select
          value={settings.theme}
          onChange={(e) => void updateSettings(api, { theme: e.target.value as (typeof THEMES)[number] })}
        >
          {THEMES.map((th) => (
            <option key={th} value={th}>
              {t(`theme.${th}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
