// Past runs of this step beside the runbook's estimate: p50 and p90 from earlier rehearsals and
// releases of the same runbook on this machine (core/evidence/baseline.ts). Nothing when there are none.
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

export function StepBaseline({ stepId }: { stepId: string }) {
  const t = useT();
  const b = useAppStore((s) => s.session?.baselines?.[stepId]);
  if (!b) return null;
  return (
    <span className="muted step-baseline" data-testid="step-baseline">
      {t('baseline.label', { p50: b.p50, p90: b.p90, n: b.runs })}
    </span>
  );
}
