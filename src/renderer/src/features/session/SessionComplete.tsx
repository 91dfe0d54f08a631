// Completing the session with its outcome: offered only where the seeds' flow ends (after monitoring
// starts, or in a rollback, where the outcome can only be rolled back or aborted).
import { useState } from 'react';
import type { SessionView } from '../../../../shared/contract';
import { OUTCOMES, type CommandInput, type Outcome } from '../../../../shared/session/events';
import { nextStep } from '../../../../shared/session/walk';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

export function SessionComplete(props: { session: SessionView; by: string; cmd: (c: CommandInput) => void }) {
  const { session, by, cmd } = props;
  const { state } = session;
  const t = useT();
  const busy = useAppStore((s) => s.busy);
  const [outcome, setOutcome] = useState<Outcome>('success');
  const rollback = state.lifecycle === 'rollback';
  return (
    <span className="complete-group">
      <label className="inline-field">
        <span>{t('session.outcome')}</span>
        <select
          value={rollback ? 'rolled-back' : outcome}
          onChange={(e) => setOutcome(e.target.value as Outcome)}
          disabled={rollback}
        >
          {OUTCOMES.filter((o) => (rollback ? o === 'rolled-back' || o === 'aborted' : o !== 'rolled-back')).map(
            (o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}`)}
              </option>
            ),
          )}
        </select>
      </label>
      <button
        type="button"
        className="btn"
        data-region-entry={nextStep(session.doc.model, state) ? undefined : ''}
        disabled={busy}
        onClick={() => cmd({ type: 'complete', outcome: rollback ? 'rolled-back' : outcome, by, note: '' })}
      >
        {t('session.complete')}
      </button>
    </span>
  );
}
