// The confirmation before a change step's or a destructive command runs: a dialog with the command in
// full and the focus on its confirm button, so Enter runs it and Escape cancels. It opens from the
// step card's Run and from Alt+R / Alt+1…9 alike; no single key ever skips it.
import { useRef } from 'react';
import { onRunRefused } from './runRefusal';
import { allSteps } from '../../../../shared/model';
import { useApi } from '../../api/ApiContext';
import { useT } from '../../i18n/useT';
import { useDialogFocus } from '../../shell/focus/trap';
import { useAppStore } from '../../store';
import { terminals } from '../terminal/terminals';

export function ConfirmRun() {
  const api = useApi();
  const t = useT();
  const confirm = useAppStore((s) => s.confirm);
  const session = useAppStore((s) => s.session);
  const setConfirm = useAppStore((s) => s.setConfirm);
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref, confirm !== null);
  if (!confirm || !session) return null;
  const step = allSteps(session.doc.model).find((s) => s.id === confirm.stepId);
  const command = step?.commands.find((c) => c.id === confirm.commandId);
  const run = async (): Promise<void> => {
    const st = useAppStore.getState();
    const terminalId = st.terminals.find((x) => x.key === st.activeTerminal)?.id;
    if (!terminalId) return;
    const { stepId, commandId, mode } = confirm;
    setConfirm(null);
    try {
      const sessionId = session.sessionId;
      await api.invoke('step:run', { sessionId, stepId, commandId, terminalId, mode, confirmed: true });
      terminals.focus(terminalId);
    } catch (err) {
      onRunRefused(err, { stepId, commandId, mode, confirmed: true, terminalId });
    }
  };
  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        className="modal confirm-run"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-reason"
        data-testid="confirm-run"
        onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setConfirm(null))}
      >
        <h2 id="confirm-title">{t('cmd.confirmTitle')}</h2>
        {step && <p className="muted">{step.title}</p>}
        <p id="confirm-reason">{confirm.reason}</p>
        {command && <pre className="command-text confirm-command">{command.text}</pre>}
        <div className="modal-actions">
          <button type="button" className="btn btn-danger btn-large" data-autofocus onClick={() => void run()}>
            {confirm.mode === 'paste' ? t('cmd.pasteAnyway') : t('cmd.runAnyway')}
          </button>
          <button type="button" className="btn" onClick={() => setConfirm(null)}>
            {t('session.cancel')}
          </button>
        </div>
        <p className="muted">{t('cmd.confirmKeys')}</p>
      </div>
    </div>
  );
}
