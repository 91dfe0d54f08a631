// The Run core refused because the terminal points at another target than the step names: both values,
// then the two ways on. Enter runs again (core probes again, so switching first is enough); Alt+O opens the
// override, which needs a reason and is journaled; Escape cancels. The dialog keeps the focus inside.
import { useRef, useState } from 'react';
import type { TargetKind } from '../../../../shared/model';
import type { TargetProbe } from '../../../../shared/session/state';
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
  const wrong = wrongTargets(probes, refusal.stepId);
  const close = (): void => {
    setOverriding(false);
    setReason('');
    useAppStore.getState().setTargetRefusal(null);
  };
  const override = async (): Promise<void> => {
    const by = operator || session.state.operator;
    if (!(await recordOverrides(api, refusal.stepId, wrong, reason.trim(), by))) return;
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
        {wrong.length > 0 && <TargetTable wrong={wrong} />}
        {overriding ? (
          <OverrideForm
            reason={reason}
            setReason={setReason}
            canRun={wrong.length > 0}
            onSubmit={() => void override()}
            onCancel={() => setOverriding(false)}
          />
        ) : (
          <RefusalActions
            again={() => void runAgain(api, refusal)}
            override={() => setOverriding(true)}
            cancel={close}
          />
        )}
        <p className="muted">{t('target.keys')}</p>
      </div>
    </div>
  );
}

type Wrong = [TargetKind, TargetProbe][];

/** The probes of this step that found the terminal on another target. */
function wrongTargets(probes: Partial<Record<TargetKind, TargetProbe>>, stepId: string): Wrong {
  return (Object.entries(probes) as Wrong).filter(([, p]) => p.stepId === stepId && !p.ok);
}

/** One journaled override per wrong target; false as soon as one is not recorded. */
async function recordOverrides(api: Api, stepId: string, wrong: Wrong, reason: string, by: string): Promise<boolean> {
  for (const [kind, p] of wrong) {
    const command = { type: 'target-override' as const, stepId, kind, expected: p.expected, actual: p.actual };
    if (!(await sendCommand(api, { ...command, reason, by }))) return false;
  }
  return true;
}

function TargetTable({ wrong }: { wrong: Wrong }) {
  const t = useT();
  return (
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
  );
}

function OverrideForm(props: {
  reason: string;
  setReason: (reason: string) => void;
  canRun: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const { reason, setReason, canRun, onSubmit, onCancel } = props;
  const t = useT();
  return (
    <form className="reason-form" onSubmit={(e) => (e.preventDefault(), reason.trim() && onSubmit())}>
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
      <button type="submit" className="btn btn-danger" disabled={!reason.trim() || !canRun}>
        {t('target.runHere')}
      </button>
      <button type="button" className="btn" onClick={onCancel}>
        {t('session.cancel')}
      </button>
    </form>
  );
}

/** Enter runs again (core probes again, so switching the terminal first is enough). */
function RefusalActions(props: { again: () => void; override: () => void; cancel: () => void }) {
  const { again, override, cancel } = props;
  const t = useT();
  return (
    <div className="modal-actions">
      <button type="button" className="btn btn-primary btn-large" data-autofocus onClick={again}>
        {t('target.again')}
      </button>
      <button type="button" className="btn btn-danger" accessKey="o" onClick={override}>
        {t('target.override')}
      </button>
      <button type="button" className="btn" onClick={cancel}>
        {t('session.cancel')}
      </button>
    </div>
  );
}
