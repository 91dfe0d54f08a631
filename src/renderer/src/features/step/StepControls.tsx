// The selected (or active) step and what can be done with it: start, done, skip or fail with a reason.
import { useState } from 'react';
import type { Api } from '../../../../shared/contract';
import type { Step } from '../../../../shared/model';
import type { CommandInput } from '../../../../shared/session/events';
import type { StepState } from '../../../../shared/session/state';
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
import { isWalking } from '../../../../shared/session/lifecycle';

type Asking = 'skip' | 'fail' | 'override';

/** Records the command; done or skipped, the next step to do comes up by itself. */
async function sendAndAdvance(api: Api, c: CommandInput): Promise<boolean> {
  if (!(await sendCommand(api, c))) return false;
  if (c.type === 'step-complete' || c.type === 'step-skip') {
    const s = useAppStore.getState();
    const next = s.session ? nextStep(s.session.doc.model, s.session.state) : null;
    s.select(next ? { id: next.id, line: next.line } : null);
  }
  return true;
}

function withReason(asking: Asking, stepId: string, reason: string): CommandInput {
  if (asking === 'skip') return { type: 'step-skip', stepId, reason };
  if (asking === 'fail') return { type: 'step-fail', stepId, reason };
  return { type: 'step-start', stepId, override: reason };
}

const REASON_LABELS = { skip: 'step.skipReason', fail: 'step.failReason', override: 'step.overrideReason' } as const;

export function StepControls() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const selected = useAppStore((s) => s.selected);
  const [asking, setAsking] = useState<null | Asking>(null);
  if (!session || session.readOnly) return null;
  const { state } = session;
  const walking = isWalking(state.lifecycle);
  if (!walking) return null;
  // The selection is followed while it is part of what is walked now (a rollback walks its own steps).
  const step = currentStep(session, selected);
  if (!step) return null;
  const st = state.steps[step.id]?.state ?? 'pending';
  const send = async (c: CommandInput): Promise<void> => {
    if (await sendAndAdvance(api, c)) setAsking(null);
  };
  const mismatch = Object.values(state.commandRuns).some(
    (r) => r.stepId === step.id && r.comparison.result === 'mismatch',
  );
  return (
    <section className={`step-controls step-${st}`} aria-label={step.title} data-testid="step-controls">
      <StepHead step={step} st={st} reason={state.steps[step.id]?.reason ?? null} />
      <StepElapsed step={step} />
      {asking ? (
        <ReasonForm
          label={t(REASON_LABELS[asking])}
          onCancel={() => setAsking(null)}
          onSubmit={(reason) => void send(withReason(asking, step.id, reason))}
        />
      ) : (
        <StepActions stepId={step.id} st={st} send={send} ask={setAsking} />
      )}
      <StepChecks step={step} failed={st === 'failed' || mismatch} />
      <StepCommands step={step} />
      <StepBlocks step={step} />
      <StepFields step={step} />
      <StepTables step={step} />
      <StepTemplates step={step} />
    </section>
  );
}

function StepHead({ step, st, reason }: { step: Step; st: StepState; reason: string | null }) {
  const t = useT();
  const estimate = step.estimateMinutes ?? step.groupEstimateMinutes;
  return (
    <div className="step-controls-head">
      <span className={`step-state state-${st}`}>{t(`step.state.${st}`)}</span>
      {step.kind !== 'plain' && <span className={`kind kind-${step.kind}`}>{t(`kind.${step.kind}`)}</span>}
      <strong>{step.title}</strong>
      {estimate !== null && <span className="muted">{t('step.estimate', { n: estimate })}</span>}
      <StepBaseline stepId={step.id} />
      {reason && <span className="muted">— {reason}</span>}
    </div>
  );
}

function StepActions(props: {
  stepId: string;
  st: StepState;
  send: (c: CommandInput) => Promise<void>;
  ask: (asking: Asking) => void;
}) {
  const { stepId, st, send, ask } = props;
  const t = useT();
  const busy = useAppStore((s) => s.busy);
  return (
    <div className="step-actions">
      {(st === 'pending' || st === 'failed') && (
        <>
          <button
            type="button"
            className="btn btn-primary"
            data-region-entry
            disabled={busy}
            onClick={() => void send({ type: 'step-start', stepId })}
          >
            {t('step.start')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => ask('override')}>
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
            onClick={() => void send({ type: 'step-complete', stepId })}
          >
            {t('step.done')}
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => ask('fail')}>
            {t('step.fail')}
          </button>
        </>
      )}
      {st !== 'done' && st !== 'skipped' && (
        <button type="button" className="btn" disabled={busy} onClick={() => ask('skip')}>
          {t('step.skip')}
        </button>
      )}
    </div>
  );
}
