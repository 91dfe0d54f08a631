// Preflight: the runbook's prerequisites ticked, the maintenance window checked, and the Go/No-Go
// decided by a named person. Go stays disabled until every prerequisite is ticked.
import { useState } from 'react';
import type { Confirmation } from '../../../../shared/model';
import { plannedWindowEnd } from '../../../../shared/session/timers';
import { useApi } from '../../api/ApiContext';
import { sendCommand } from '../../actions';
import { askNotificationPermission } from '../../notify';
import { missingVariables } from '../../../../shared/variables';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { ReasonForm } from './ReasonForm';
import { StepChecks } from '../step/StepChecks';

function flatten(cs: Confirmation[]): Confirmation[] {
  return cs.flatMap((c) => [c, ...flatten(c.children)]);
}

/** "2026/12/03 01:00 ~ 03:00": is now inside it? null when the runbook gives no readable window. */
export function insideWindow(window: string | null, now: Date): boolean | null {
  const end = plannedWindowEnd(window);
  const m = window ? /(\d{4})[/-](\d{1,2})[/-](\d{1,2})\s+(\d{1,2}):(\d{2})/.exec(window) : null;
  if (end === null || !m) return null;
  const start = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])).getTime();
  return now.getTime() >= start && now.getTime() <= end;
}

export function Preflight() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const busy = useAppStore((s) => s.busy);
  const operator = useAppStore((s) => s.settings.operatorName);
  const [decider, setDecider] = useState<string | null>(null);
  const [noGo, setNoGo] = useState(false);
  if (!session || session.readOnly || session.state.lifecycle !== 'preflight') return null;
  const { state, doc } = session;
  const pre = doc.model.prerequisites;
  const all = flatten(pre?.confirmations ?? []);
  const open = all.filter((c) => !(state.confirmations[c.id]?.checked ?? c.checked));
  const inWindow = insideWindow(doc.model.metadata.window, new Date());
  const by = decider ?? (operator || state.operator);
  const missing = missingVariables(doc.model, state.variables);
  return (
    <section className="preflight" aria-labelledby="preflight-title" data-testid="preflight">
      <h2 id="preflight-title">{t('session.goTitle')}</h2>
      {pre && <StepChecks step={pre} failed={false} />}
      {inWindow === false && (
        <p className="banner banner-warn" role="alert">
          {t('preflight.outsideWindow', { window: doc.model.metadata.window ?? '' })}
        </p>
      )}
      {open.length > 0 && <p className="muted">{t('preflight.open', { n: open.length })}</p>}
      {missing.length > 0 && (
        <p className="banner banner-warn" data-testid="missing-variables">
          {t('vars.missing', { names: missing.map((v) => v.name).join(', ') })}
        </p>
      )}
      {noGo ? (
        <ReasonForm
          label={t('session.noGo')}
          withName={by}
          onCancel={() => setNoGo(false)}
          onSubmit={(reason, who) => void sendCommand(api, { type: 'go-decision', decision: 'no-go', by: who, reason })}
        />
      ) : (
        <div className="step-actions">
          <label className="inline-field">
            <span>{t('session.decider')}</span>
            <input value={by} onChange={(e) => setDecider(e.target.value)} maxLength={200} />
          </label>
          <button
            type="button"
            className="btn btn-primary btn-large"
            data-region-entry
            disabled={busy || open.length > 0 || missing.length > 0 || !by.trim()}
            onClick={() => (
              askNotificationPermission(),
              void sendCommand(api, { type: 'go-decision', decision: 'go', by: by.trim(), reason: '' })
            )}
          >
            {t('session.go')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => setNoGo(true)}>
            {t('session.noGo')}
          </button>
        </div>
      )}
    </section>
  );
}
