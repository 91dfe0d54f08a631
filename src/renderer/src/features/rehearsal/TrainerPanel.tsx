// Rehearsal only: the trainer's panel. Mark a step (or one of its commands) to fail with a symptom
// from the runbook's troubleshooting section, or one typed in, and an exit code; the shims fail it
// when the operator runs it. Folded away by default, so the operator does not read the drill.
import { useEffect, useState } from 'react';
import { allSteps } from '../../../../shared/model';
import { useApi } from '../../api/ApiContext';
import { guarded } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

export function TrainerPanel() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const info = useAppStore((s) => s.rehearsal);
  const setInfo = useAppStore((s) => s.setRehearsal);
  const [open, setOpen] = useState(false);
  const [stepId, setStepId] = useState('');
  const [symptom, setSymptom] = useState('');
  const [exitCode, setExitCode] = useState(1);
  const sessionId = session?.state.rehearsal ? session.sessionId : null;
  useEffect(() => {
    if (sessionId) void guarded(() => api.invoke('rehearsal:info', { sessionId })).then((i) => i && setInfo(i));
  }, [api, sessionId, setInfo]);
  if (!session || !sessionId) return null;
  const model = session.doc.model;
  const steps = allSteps(model).filter((s) => s.commands.length > 0);
  const title = (id: string) => steps.find((s) => s.id === id)?.title ?? id;
  const submit = async (remove = false, target = stepId, text = symptom) => {
    const r = await guarded(() =>
      api.invoke('rehearsal:fault', {
        sessionId,
        stepId: target,
        symptom: text || 'rehearsal fault',
        exitCode,
        remove,
      }),
    );
    if (r) setInfo(r);
  };
  return (
    <details
      className="trainer"
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
      data-testid="trainer"
    >
      <summary>{t('trainer.title')}</summary>
      <form
        className="trainer-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
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
      {info && info.faults.length > 0 && (
        <ul className="trainer-faults" data-testid="trainer-faults">
          {info.faults.map((f, i) => (
            <li key={i}>
              {title(f.stepId)} — <code>{f.symptom}</code> ({t('cmd.exit', { code: f.exitCode })}){' '}
              <button type="button" className="btn btn-small" onClick={() => void submit(true, f.stepId, f.symptom)}>
                {t('trainer.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
