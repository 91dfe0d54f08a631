// Rehearsal only: the trainer's panel. Mark a step (or one of its commands) to fail with a symptom
// from the runbook's troubleshooting section, or one typed in, and an exit code; the shims fail it
// when the operator runs it. Folded away by default, so the operator does not read the drill.
import { useEffect, useState } from 'react';
import type { Api, RehearsalInfo } from '../../../../shared/contract';
import { allSteps, type Runbook, type Step } from '../../../../shared/model';
import { useApi } from '../../api/ApiContext';
import { guarded } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

interface Fault {
  stepId: string;
  symptom: string;
  exitCode: number;
}

/** Sets (or takes back) a fault; the store gets the sandbox's new list. */
async function sendFault(api: Api, sessionId: string, fault: Fault, remove: boolean): Promise<void> {
  const { stepId, exitCode } = fault;
  const symptom = fault.symptom || 'rehearsal fault';
  const r = await guarded(() => api.invoke('rehearsal:fault', { sessionId, stepId, symptom, exitCode, remove }));
  if (r) useAppStore.getState().setRehearsal(r);
}

export function TrainerPanel() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const info = useAppStore((s) => s.rehearsal);
  const setInfo = useAppStore((s) => s.setRehearsal);
  const [open, setOpen] = useState(false);
  const sessionId = session?.state.rehearsal ? session.sessionId : null;
  useEffect(() => {
    if (sessionId) void guarded(() => api.invoke('rehearsal:info', { sessionId })).then((i) => i && setInfo(i));
  }, [api, sessionId, setInfo]);
  if (!session || !sessionId) return null;
  const model = session.doc.model;
  const steps = allSteps(model).filter((s) => s.commands.length > 0);
  return (
    <details
      className="trainer"
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
      data-testid="trainer"
    >
      <summary>{t('trainer.title')}</summary>
      <FaultForm steps={steps} model={model} inject={(f) => void sendFault(api, sessionId, f, false)} />
      {info && info.faults.length > 0 && (
        <FaultList steps={steps} faults={info.faults} remove={(f) => void sendFault(api, sessionId, f, true)} />
      )}
    </details>
  );
}

function FaultForm({ steps, model, inject }: { steps: Step[]; model: Runbook; inject: (f: Fault) => void }) {
  const t = useT();
  const [stepId, setStepId] = useState('');
  const [symptom, setSymptom] = useState('');
  const [exitCode, setExitCode] = useState(1);
  return (
    <form
      className="trainer-form"
      onSubmit={(e) => {
        e.preventDefault();
        inject({ stepId, symptom, exitCode });
      }}
    >
      <label className="inline-field">
        <span>{t('trainer.step')}</span>
        <select value={stepId} onChange={(e) => setStepId(e.target.value)} required>
          <option value="">—</option>
          {steps.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('trainer.symptom')}</span>
        <input
          list="trainer-symptoms"
          value={symptom}
          onChange={(e) => setSymptom(e.target.value)}
          maxLength={4000}
          required
        />
        <datalist id="trainer-symptoms">
          {model.troubleshooting.map((x, i) => (
            <option key={i} value={x.symptom || x.title}>
              {x.title}
            </option>
          ))}
        </datalist>
      </label>
      <label className="inline-field">
        <span>{t('trainer.exitCode')}</span>
        <input
          type="number"
          min={1}
          max={255}
          value={exitCode}
          onChange={(e) => setExitCode(Number(e.target.value) || 1)}
        />
      </label>
      <button type="submit" className="btn btn-danger" disabled={!stepId || !symptom.trim()}>
        {t('trainer.inject')}
      </button>
    </form>
  );
}

function FaultList(props: { steps: Step[]; faults: RehearsalInfo['faults']; remove: (f: Fault) => void }) {
  const { steps, faults, remove } = props;
  const t = useT();
  const title = (id: string) => steps.find((s) => s.id === id)?.title ?? id;
  return (
    <ul className="trainer-faults" data-testid="trainer-faults">
      {faults.map((f, i) => (
        <li key={i}>
          {title(f.stepId)} — <code>{f.symptom}</code> ({t('cmd.exit', { code: f.exitCode })}){' '}
          <button type="button" className="btn btn-small" onClick={() => remove(f)}>
            {t('trainer.remove')}
          </button>
        </li>
      ))}
    </ul>
  );
}
