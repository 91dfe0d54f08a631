// What a step asks the operator to confirm and judge: its cautions up front, the confirmations to
// tick (nested ones under their parent), the ✅ ⚠️ ❌ criteria as one-click verdicts, and what to do
// when it fails. Every tick and verdict is journaled.
import type { Confirmation, Step } from '../../../../shared/model';
import { useApi } from '../../api/ApiContext';
import { sendCommand } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

function ConfirmationItem({ c }: { c: Confirmation }) {
  const api = useApi();
  const checked = useAppStore((s) => s.session?.state.confirmations[c.id]?.checked ?? c.checked);
  return (
    <li>
      <label className="confirmation">
        <input
          type="checkbox"
          checked={checked}
          data-region-entry={checked ? undefined : ''}
          onChange={(e) =>
            void sendCommand(api, { type: 'confirmation-set', confirmationId: c.id, checked: e.target.checked })
          }
        />
        <span>{c.text}</span>
      </label>
      {c.children.length > 0 && (
        <ul>
          {c.children.map((k) => (
            <ConfirmationItem key={k.id} c={k} />
          ))}
        </ul>
      )}
    </li>
  );
}

const ICON = { ok: '✓', warn: '!', error: '✗' } as const;

export function StepChecks({ step, failed }: { step: Step; failed: boolean }) {
  const api = useApi();
  const t = useT();
  const verdict = useAppStore((s) => s.session?.state.verdicts[step.id]);
  const by = useAppStore((s) => s.settings.operatorName || s.session?.state.operator || '');
  return (
    <>
      {step.purpose && (
        <p className="purpose">
          <span className="muted">{t('step.purpose')}</span> {step.purpose}
        </p>
      )}
      {step.cautions.length > 0 && (
        <ul className="cautions" aria-label={t('step.cautions')}>
          {step.cautions.map((c, i) => (
            <li key={i}>{c.text}</li>
          ))}
        </ul>
      )}
      {failed && step.failure.length > 0 && (
        <div className="failure" role="alert">
          {step.failure.map((f, i) => (
            <div key={i}>
              <strong>{f.text}</strong>
              <ol>
                {f.items.map((it, j) => (
                  <li key={j}>{it}</li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      )}
      {step.criteria.length > 0 && (
        <div className="criteria-buttons" role="group" aria-label={t('step.verdict')}>
          {step.criteria.map((c, i) => (
            <button
              key={i}
              type="button"
              className={`btn verdict verdict-${c.level}${verdict?.criterion === c.text ? ' chosen' : ''}`}
              aria-pressed={verdict?.criterion === c.text}
              onClick={() =>
                void sendCommand(api, { type: 'verdict', stepId: step.id, level: c.level, criterion: c.text, by })
              }
            >
              {ICON[c.level]} {c.text}
            </button>
          ))}
        </div>
      )}
      {step.confirmations.length > 0 && (
        <ul className="confirmations">
          {step.confirmations.map((c) => (
            <ConfirmationItem key={c.id} c={c} />
          ))}
        </ul>
      )}
    </>
  );
}
