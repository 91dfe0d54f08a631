// The session's next decision, always in the same place under the header: start, preflight and
// Go/No-Go, the verification gate, rollback, completion and sign-off.
import { useState } from 'react';
import { OUTCOMES, type Outcome } from '../../../../shared/session/events';
import { gateReady, nextStep } from '../../../../shared/session/walk';
import { useApi } from '../../api/ApiContext';
import { sendCommand, startSession, updateSettings } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { ReasonForm } from './ReasonForm';
import { NoteBox } from './NoteBox';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { TrainerPanel } from '../rehearsal/TrainerPanel';
import { TimelinePanel } from './TimelinePanel';
import { RedlinePanel } from '../evidence/RedlinePanel';

type Pending = null | 'rollback' | 'gate-no';

export function SessionBar() {
  const api = useApi();
  const t = useT();
  const doc = useAppStore((s) => s.doc);
  const session = useAppStore((s) => s.session);
  const busy = useAppStore((s) => s.busy);
  const operator = useAppStore((s) => s.settings.operatorName);
  const [pending, setPending] = useState<Pending>(null);
  const [outcome, setOutcome] = useState<Outcome>('success');
  const [name, setName] = useState(operator);
  const offered = useAppStore((s) => s.info?.rehearsal ?? null);
  const [speed, setSpeed] = useState(offered?.speed ?? 1);
  if (!doc || doc.model.kind === 'reference') return null;

  if (!session) {
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
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || !name.trim()}
          onClick={async () => {
            if (name.trim() !== operator) await updateSettings(api, { operatorName: name.trim() });
            await startSession(api);
          }}
        >
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
            onClick={async () => {
              if (name.trim() !== operator) await updateSettings(api, { operatorName: name.trim() });
              await startSession(api, { rehearsal: true, speed });
            }}
          >
            {t('rehearsal.start')}
          </button>
        </span>
        <span className="muted">{t('session.startHint')}</span>
      </div>
    );
  }

  const { state, readOnly } = session;
  const by = operator || state.operator;
  if (readOnly)
    return (
      <div className="session-bar session-readonly">
        {t('session.readOnly')} {session.problems[0] ?? ''}
      </div>
    );
  const cmd = (c: Parameters<typeof sendCommand>[1]) => sendCommand(api, c).then((ok) => ok && setPending(null));

  if (pending) {
    const label = t('session.reason');
    return (
      <div className="session-bar">
        <ReasonForm
          label={label}
          withName={by}
          onCancel={() => setPending(null)}
          onSubmit={(reason, who) => {
            void cmd({
              type: 'decision',
              choice: 'rollback',
              reason,
              by: who,
              trigger: pending === 'gate-no' ? 'verification gate: not normal' : 'operator',
            });
          }}
        />
      </div>
    );
  }

  return (
    <div className={`session-bar life-bar-${state.lifecycle}`}>
      {state.lifecycle === 'prepared' && (
        <button
          type="button"
          className="btn btn-primary"
          data-region-entry
          disabled={busy}
          onClick={() => void cmd({ type: 'preflight-start' })}
        >
          {t('session.preflight')}
        </button>
      )}
      {state.lifecycle === 'preflight' && <strong>{t('preflight.hint')}</strong>}
      {gateReady(session.doc.model, state) && (
        <>
          <strong>{t('session.gate')}</strong>
          <button
            type="button"
            className="btn"
            data-region-entry
            disabled={busy}
            onClick={() => void cmd({ type: 'gate', healthy: true, by })}
          >
            {t('session.gateYes')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => setPending('gate-no')}>
            {t('session.gateNo')}
          </button>
        </>
      )}
      {(state.lifecycle === 'running' || state.lifecycle === 'monitoring') && (
        <>
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy}
            onClick={() => useAppStore.getState().ask(`incident:${Date.now()}`)}
          >
            {t('session.incident')}
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setPending('rollback')}>
            {t('session.rollback')}
          </button>
        </>
      )}
      {/* Completing is offered only where the seeds' flow ends: after monitoring starts, or in a rollback. */}
      {(state.lifecycle === 'monitoring' || state.lifecycle === 'rollback') && (
        <span className="complete-group">
          <label className="inline-field">
            <span>{t('session.outcome')}</span>
            <select
              value={state.lifecycle === 'rollback' ? 'rolled-back' : outcome}
              onChange={(e) => setOutcome(e.target.value as Outcome)}
              disabled={state.lifecycle === 'rollback'}
            >
              {OUTCOMES.filter((o) =>
                state.lifecycle === 'rollback' ? o === 'rolled-back' || o === 'aborted' : o !== 'rolled-back',
              ).map((o) => (
                <option key={o} value={o}>
                  {t(`outcome.${o}`)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn"
            data-region-entry={nextStep(session.doc.model, state) ? undefined : ''}
            disabled={busy}
            onClick={() =>
              void cmd({
                type: 'complete',
                outcome: state.lifecycle === 'rollback' ? 'rolled-back' : outcome,
                by,
                note: '',
              })
            }
          >
            {t('session.complete')}
          </button>
        </span>
      )}
      {state.lifecycle === 'completed' && <strong>{t(`outcome.${state.outcome ?? 'aborted'}`)}</strong>}
      {state.lifecycle === 'signed-off' && (
        <strong>
          {t(`outcome.${state.outcome ?? 'aborted'}`)} · {t('life.signed-off')}
        </strong>
      )}
      <NoteBox />
      <EvidencePanel />
      <TrainerPanel />
      <TimelinePanel />
      <RedlinePanel />
    </div>
  );
}
