// Before a session: who operates, then start it for real or as a rehearsal at a chosen speed.
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { startSession, updateSettings } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

export function SessionStart() {
  const api = useApi();
  const t = useT();
  const busy = useAppStore((s) => s.busy);
  const operator = useAppStore((s) => s.settings.operatorName);
  const [name, setName] = useState(operator);
  const offered = useAppStore((s) => s.info?.rehearsal ?? null);
  const [speed, setSpeed] = useState(offered?.speed ?? 1);
  const start = async (options?: { rehearsal: true; speed: number }) => {
    if (name.trim() !== operator) await updateSettings(api, { operatorName: name.trim() });
    await startSession(api, options);
  };
  return (
    <div className="session-bar">
      <label className="inline-field">
        <span>{t('session.operator')}</span>
        <input
          data-region-entry
          value={name}
          placeholder={t('session.operatorPlaceholder')}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
        />
      </label>
      <button type="button" className="btn btn-primary" disabled={busy || !name.trim()} onClick={() => start()}>
        {t('session.start')}
      </button>
      <span className="rehearse-group">
        <label className="inline-field">
          <span>{t('rehearsal.speed')}</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="rehearsal-speed">
            {[1, 5, 10, 60].map((n) => (
              <option key={n} value={n}>
                ×{n}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={offered ? 'btn btn-primary' : 'btn'}
          disabled={busy || !name.trim()}
          onClick={() => start({ rehearsal: true, speed })}
        >
          {t('rehearsal.start')}
        </button>
      </span>
      <span className="muted">{t('session.startHint')}</span>
    </div>
  );
}
