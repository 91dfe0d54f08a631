// The selected (or active) step and what can be done with it: start, done, skip or fail with a reason.
import { useState } from 'react';
import { nextStep } from '../../../../shared/session/walk';
import { currentStep } from '../session/current';
import { useApi } from '../../api/ApiContext';
import { sendCommand } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { ReasonForm } from '../session/ReasonForm';
import { StepBlocks, StepCommands } from './StepCommands';
import { StepFields } from './StepFields';
import { StepChecks } from './StepChecks';
import { StepTemplates } from './StepTemplates';
import { StepTables } from './StepTables';
import { StepBaseline } from './StepBaseline';
import { StepElapsed } from './StepElapsed';

export function StepControls() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const selected = useAppStore((s) => s.selected);
  const busy = useAppStore((s) => s.busy);
  const [asking, setAsking] = useState<null | 'skip' | 'fail' | 'override'>(null);
  if (!session || session.readOnly) return null;
  const { state } = session;
  const walking = state.lifecycle === 'running' || state.lifecycle === 'monitoring' || state.lifecycle === 'rollback';
  if (!walking) return null;
  // The selection is followed while it is part of what is walked now (a rollback walks its own steps).
  const step = currentStep(session, selected);
  if (!step) return null;
  const rec = state.steps[step.id];
  const st = rec?.state ?? 'pending';
  const send = async (c: Parameters<typeof sendCommand>[1]): Promise<void> => {
    if (!(await sendCommand(api, c))) return;
    setAsking(null);
    // Done or skipped: the next step to do comes up by itself.
    if (c.type === 'step-complete' || c.type === 'step-skip') {
      const s = useAppStore.getState();
      const next = s.session ? nextStep(s.session.doc.model, s.session.state) : null;
      s.select(next ? { id: next.id, line: next.line } : null);
    }
  };
  return (
    <section className={`step-controls step-${st}`} aria-label={step.title} data-testid="step-controls">
      <div className="step-controls-head">
        <span className={`step-state state-${st}`}>{t(`step.state.${st}`)}</span>
        {step.kind !== 'plain' && <span className={`kind kind-${step.kind}`}>{t(`kind.${step.kind}`)}</span>}
        <strong>{step.title}</strong>
        {(step.estimateMinutes ?? step.groupEstimateMinutes) !== null && (
          <span className="muted">
            {t('step.estimate', { n: (step.estimateMinutes ?? step.groupEstimateMinutes)! })}
          </span>
        )}
        <StepBaseline stepId={step.id} />
        {rec?.reason && <span className="muted">— {rec.reason}</span>}
      </div>
      <StepElapsed step={step} />
      {asking ? (
        <ReasonForm
          label={
            asking === 'skip'
              ? t('step.skipReason')
              : asking === 'fail'
                ? t('step.failReason')
                : t('step.overrideReason')
          }
          onCancel={() => setAsking(null)}
          onSubmit={(reason) =>
            void send(
              asking === 'skip'
                ? { type: 'step-skip', stepId: step.id, reason }
                : asking === 'fail'
                  ? { type: 'step-fail', stepId: step.id, reason }
                  : { type: 'step-start', stepId: step.id, override: reason },
            )
          }
        />
      ) : (
        <div className="step-actions">
          {(st === 'pending' || st === 'failed') && (
            <>
              <button
                type="button"
                className="btn btn-primary"
                data-region-entry
                disabled={busy}
                onClick={() => void send({ type: 'step-start', stepId: step.id })}
              >
                {t('step.start')}
              </button>
              <button type="button" className="btn" disabled={busy} onClick={() => setAsking('override')}>
                {t('step.startOverride')}
              </button>
            </>
          )}
          {st === 'active' && (
            <>
              <button
                type="button"
                className="btn btn-primary"
                data-region-entry
                disabled={busy}
                onClick={() => void send({ type: 'step-complete', stepId: step.id })}
              >
                {t('step.done')}
              </button>
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setAsking('fail')}>
                {t('step.fail')}
              </button>
            </>
          )}
          {st !== 'done' && st !== 'skipped' && (
            <button type="button" className="btn" disabled={busy} onClick={() => setAsking('skip')}>
              {t('step.skip')}
            </button>
          )}
        </div>
      )}
      <StepChecks
        step={step}
        failed={
          st === 'failed' ||
          Object.values(state.commandRuns).some((r) => r.stepId === step.id && r.comparison.result === 'mismatch')
        }
      />
      <StepCommands step={step} />
      <StepBlocks step={step} />
      <StepFields step={step} />
      <StepTables step={step} />
      <StepTemplates step={step} />
    </section>
  );
}
