// The Run core refused because the terminal points at another target than the step names: both values,
// then the two ways on. Enter runs again (core probes again, so switching first is enough); Alt+O opens the
// override, which needs a reason and is journaled; Escape cancels. The dialog keeps the focus inside.
import { useRef, useState } from 'react';
import type { TargetKind } from '../../../../shared/model';
import { allSteps } from '../../../../shared/model';
import { useApi } from '../../api/ApiContext';
import { sendCommand } from '../../actions';
import { useT } from '../../i18n/useT';
import { useDialogFocus } from '../../shell/focus/trap';
import { onRunRefused } from './runRefusal';
import { useAppStore, type TargetRefusal as Refusal } from '../../store';
import { terminals } from '../terminal/terminals';
import type { Api } from '../../../../shared/contract';

async function runAgain(api: Api, r: Refusal): Promise<void> {
  const st = useAppStore.getState();
  if (!st.session) return;
  st.setTargetRefusal(null);
  try {
    const { stepId, commandId, terminalId, mode, confirmed } = r;
    await api.invoke('step:run', { sessionId: st.session.sessionId, stepId, commandId, terminalId, mode, confirmed });
    terminals.focus(terminalId);
  } catch (err) {
    onRunRefused(err, r);
  }
}

export function TargetRefusal() {
  const api = useApi();
  const t = useT();
  const refusal = useAppStore((s) => s.targetRefusal);
  const session = useAppStore((s) => s.session);
  const operator = useAppStore((s) => s.settings.operatorName);
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref, refusal !== null);
  if (!refusal || !session) return null;
  const step = allSteps(session.doc.model).find((s) => s.id === refusal.stepId);
  const probes = session.state.targets[refusal.terminalId] ?? {};
  const wrong = (Object.entries(probes) as [TargetKind, NonNullable<(typeof probes)[TargetKind]>][]).filter(
    ([, p]) => p.stepId === refusal.stepId && !p.ok,
  );
  const close = (): void => {
    setOverriding(false);
    setReason('');
    useAppStore.getState().setTargetRefusal(null);
  };
  const override = async (): Promise<void> => {
    const by = operator || session.state.operator;
    for (const [kind, p] of wrong) {
      const command = {
        type: 'target-override' as const,
        stepId: refusal.stepId,
        kind,
        expected: p.expected,
        actual: p.actual,
        reason: reason.trim(),
        by,
      };
      if (!(await sendCommand(api, command))) return;
    }
    setOverriding(false);
    setReason('');
    await runAgain(api, refusal);
  };
  const onKey = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    } else if (e.altKey && e.key.toLowerCase() === 'o') {
      e.preventDefault();
      setOverriding(true);
    }
  };
  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        className="modal target-refusal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="target-title"
        aria-describedby="target-message"
        data-testid="target-refusal"
        onKeyDown={onKey}
      >
        <h2 id="target-title">{t('target.title')}</h2>
        {step && <p className="muted">{step.title}</p>}
        <p id="target-message">{refusal.message}</p>
        {wrong.length > 0 && (
          <table className="target-table">
            <thead>
              <tr>
                <th />
                <th>{t('target.expected')}</th>
                <th>{t('target.actual')}</th>
              </tr>
            </thead>
            <tbody>
              {wrong.map(([kind, p]) => (
                <tr key={kind} data-kind={kind}>
                  <th scope="row">{kind}</th>
                  <td className="target-expected">{p.expected}</td>
                  <td className="target-actual">{p.actual || t('target.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {overriding ? (
          <form className="reason-form" onSubmit={(e) => (e.preventDefault(), reason.trim() && void override())}>
            <label>
              <span>{t('target.reason')}</span>
              <input
                autoFocus
                value={reason}
                maxLength={2000}
                data-testid="target-reason"
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
            <button type="submit" className="btn btn-danger" disabled={!reason.trim() || wrong.length === 0}>
              {t('target.runHere')}
            </button>
            <button type="button" className="btn" onClick={() => setOverriding(false)}>
              {t('session.cancel')}
            </button>
          </form>
        ) : (
          <div className="modal-actions">
            <button
              type="button"
              className="btn btn-primary btn-large"
              data-autofocus
              onClick={() => void runAgain(api, refusal)}
            >
              {t('target.again')}
            </button>
            <button type="button" className="btn btn-danger" accessKey="o" onClick={() => setOverriding(true)}>
              {t('target.override')}
            </button>
            <button type="button" className="btn" onClick={close}>
              {t('session.cancel')}
            </button>
          </div>
        )}
        <p className="muted">{t('target.keys')}</p>
      </div>
    </div>
  );
}
