// A timer that fired (deadline near, step over its estimate, time for the report) stays on screen
// until the operator acknowledges it.
import { useState } from 'react';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store';

// One shared empty list: a selector that returned a fresh [] each time would re-render forever.
const NONE: never[] = [];

export function AlertBanner() {
  const t = useT();
  const alerts = useAppStore((s) => s.session?.state.alerts ?? NONE);
  const [seen, setSeen] = useState<Set<string>>(new Set());
  const attention = useAppStore((s) => s.session?.state.attention ?? null);
  const open = alerts.filter((a) => !seen.has(a.key));
  const last = open[open.length - 1];
  if (attention) {
    return (
      <div className="banner banner-error" role="alert" data-testid="attention">
        <span className="banner-text">{t('attention.checkFailed', { detail: attention.detail })}</span>
      </div>
    );
  }
  if (!last) return null;
  const urgent = /deadline|timeout|hotfix/.test(last.kind);
  return (
    <div className={`banner ${urgent ? 'banner-error' : 'banner-warn'}`} role="alert" data-testid="timer-alert" data-kind={last.kind}>
      <span className="banner-text">{last.label}</span>
      {open.length > 1 && <span className="muted">+{open.length - 1}</span>}
      <button type="button" className="btn btn-small" onClick={() => setSeen(new Set([...seen, ...open.map((a) => a.key)]))}>
        {t('alert.dismiss')}
      </button>
    </div>
  );
}
