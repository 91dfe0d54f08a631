// The step's own clock: a bar that fills towards its estimate and turns red past it.
import type { Step } from '../../../../shared/model';
import { sessionNow } from '../../../../shared/session/state';
import { formatDuration, useNow } from '../../hooks';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

export function StepElapsed({ step }: { step: Step }) {
  const t = useT();
  const state = useAppStore((s) => s.session?.state);
  const wall = useNow(1000 / Math.min(state?.speed ?? 1, 4));
  const rec = state?.steps[step.id];
  if (!state || !rec?.startedAt) return null;
  const end = rec.endedAt ?? sessionNow(state, wall);
  const elapsed = Math.max(0, end - rec.startedAt);
  const estimate = step.estimateMinutes ?? step.groupEstimateMinutes;
  const ratio = estimate ? elapsed / (estimate * 60_000) : null;
  const level = ratio === null ? '' : ratio > 1 ? 'over' : ratio > 0.8 ? 'near' : '';
  return (
    <div className={`step-elapsed ${level}`} data-testid="step-elapsed">
      {ratio !== null && (
        <div
          className="elapsed-track"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={estimate! * 60}
          aria-valuenow={Math.round(elapsed / 1000)}
          aria-label={t('step.elapsed', { e: formatDuration(elapsed), n: estimate! })}
        >
          <div className="elapsed-fill" style={{ width: `${Math.min(100, ratio * 100)}%` }} />
        </div>
      )}
      <span className="elapsed-text">
        {estimate
          ? t('step.elapsed', { e: formatDuration(elapsed), n: estimate })
          : t('step.elapsedNoEstimate', { e: formatDuration(elapsed) })}
      </span>
    </div>
  );
}
