// The session's next decision, always in the same place under the header: start, preflight and
// Go/No-Go, the verification gate, rollback, completion and sign-off.
import { useState } from 'react';
import type { SessionView } from '../../../../shared/contract';
import type { CommandInput } from '../../../../shared/session/events';
import { gateReady } from '../../../../shared/session/walk';
import { useApi } from '../../api/ApiContext';
import { sendCommand } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { ReasonForm } from './ReasonForm';
import { NoteBox } from './NoteBox';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { TrainerPanel } from '../rehearsal/TrainerPanel';
import { TimelinePanel } from './TimelinePanel';
import { RedlinePanel } from '../evidence/RedlinePanel';
import { SessionStart } from './SessionStart';
import { SessionComplete } from './SessionComplete';

type Pending = null | 'rollback' | 'gate-no';

export function SessionBar() {
  const t = useT();
  const doc = useAppStore((s) => s.doc);
  const session = useAppStore((s) => s.session);
  if (!doc || doc.model.kind === 'reference') return null;
  if (!session) return <SessionStart />;
  if (session.readOnly)
    return (
      <div className="session-bar session-readonly">
        {t('session.readOnly')} {session.problems[0] ?? ''}
      </div>
    );
  return <SessionDecisions session={session} />;
}

/** The decisions of a session under way; a rollback (or "not normal" at the gate) first asks why. */
function SessionDecisions({ session }: { session: SessionView }) {
  const api = useApi();
  const t = useT();
  const busy = useAppStore((s) => s.busy);
  const operator = useAppStore((s) => s.settings.operatorName);
  const [pending, setPending] = useState<Pending>(null);
  const { state } = session;
  const by = operator || state.operator;
  const cmd = (c: CommandInput) => void sendCommand(api, c).then((ok) => ok && setPending(null));

  if (pending) {
    const trigger = pending === 'gate-no' ? 'verification gate: not normal' : 'operator';
    return (
      <div className="session-bar">
        <ReasonForm
          label={t('session.reason')}
          withName={by}
          onCancel={() => setPending(null)}
          onSubmit={(reason, who) => cmd({ type: 'decision', choice: 'rollback', reason, by: who, trigger })}
        />
      </div>
    );
  }
  const underWay = state.lifecycle === 'running' || state.lifecycle === 'monitoring';
  return (
    <div className={`session-bar life-bar-${state.lifecycle}`}>
      {state.lifecycle === 'prepared' && (
        <button
          type="button"
          className="btn btn-primary"
          data-region-entry
          disabled={busy}
          onClick={() => cmd({ type: 'preflight-start' })}
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
            onClick={() => cmd({ type: 'gate', healthy: true, by })}
          >
            {t('session.gateYes')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => setPending('gate-no')}>
            {t('session.gateNo')}
          </button>
        </>
      )}
      {underWay && <IncidentButtons onRollback={() => setPending('rollback')} />}
      {(state.lifecycle === 'monitoring' || state.lifecycle === 'rollback') && (
        <SessionComplete session={session} by={by} cmd={cmd} />
      )}
      <SessionOutcome session={session} />
      <NoteBox />
      <EvidencePanel />
      <TrainerPanel />
      <TimelinePanel />
      <RedlinePanel />
    </div>
  );
}

function SessionOutcome({ session }: { session: SessionView }) {
  const t = useT();
  const { lifecycle, outcome } = session.state;
  if (lifecycle === 'completed') return <strong>{t(`outcome.${outcome ?? 'aborted'}`)}</strong>;
  if (lifecycle !== 'signed-off') return null;
  return (
    <strong>
      {t(`outcome.${outcome ?? 'aborted'}`)} · {t('life.signed-off')}
    </strong>
  );
}

/** While the release runs or is monitored: raise an incident (the rollback question), or roll back now. */
function IncidentButtons({ onRollback }: { onRollback: () => void }) {
  const t = useT();
  const busy = useAppStore((s) => s.busy);
  return (
    <>
      <button
        type="button"
        className="btn btn-danger"
        disabled={busy}
        onClick={() => useAppStore.getState().ask(`incident:${Date.now()}`)}
      >
        {t('session.incident')}
      </button>
      <button type="button" className="btn btn-danger" disabled={busy} onClick={onRollback}>
        {t('session.rollback')}
      </button>
    </>
  );
}
