// The sentence for what needs deciding, in the UI's language, from the state's attention record.
import { allSteps, type Runbook } from '../../../../shared/model';
import type { SessionState } from '../../../../shared/session/state';
import { checkpoints } from '../../../../shared/session/timers';
import type { MessageKey } from '../../../../shared/i18n';

export function attentionText(
  model: Runbook,
  a: NonNullable<SessionState['attention']>,
  t: (k: MessageKey, v?: Record<string, string | number>) => string,
): string {
  const step = allSteps(model).find((s) => s.id === a.stepId)?.title ?? a.stepId;
  if (a.kind === 'step-failed') return t('attention.stepFailed', { step, detail: a.detail });
  if (a.kind === 'review-hold') return t('attention.reviewHold', { step, detail: a.detail });
  if (a.kind === 'verdict-error') return t('attention.verdict-error', { step, detail: a.detail });
  return t('attention.checkFailed', { detail: a.detail });
}

/** A fired timer in the UI's language, from its kind and what it is about (`ref`), looked up in the runbook. */
export function alertText(
  model: Runbook,
  a: SessionState['alerts'][number],
  t: (k: MessageKey, v?: Record<string, string | number>) => string,
): string {
  const step = allSteps(model).find((s) => s.id === a.ref);
  const phase = model.phases.find((p) => p.id === a.ref);
  switch (a.kind) {
    case 'step-overrun':
      return step
        ? t('alert.step-overrun', { title: step.title, n: step.estimateMinutes ?? step.groupEstimateMinutes ?? '' })
        : a.label;
    case 'step-timeout':
      return step ? t('alert.step-timeout', { title: step.title, n: step.timeoutMinutes ?? '' }) : a.label;
    case 'phase-overrun':
      return phase ? t('alert.phase-overrun', { title: phase.title, n: phase.budgetMinutes ?? '' }) : a.label;
    case 'monitoring-checkpoint': {
      if (a.ref === undefined) return a.label;
      const m = Number(a.ref);
      const when =
        m === 0
          ? t('alert.monitoringStart')
          : m >= 60 && m % 60 === 0
            ? t('alert.plusHours', { n: m / 60 })
            : t('alert.plusMinutes', { n: m });
      const what = checkpoints(model).find((c) => c.minutes === m)?.what;
      return t('alert.monitoring', { when, what: what ? ` — ${what}` : '' });
    }
    case 'window-end':
    case 'deadline-30':
    case 'deadline-10':
    case 'deadline':
    case 'no-return-15':
    case 'no-return-5':
    case 'no-return':
    case 'progress-report':
      return t(`alert.${a.kind}`);
    case 'hotfix-expired':
      return t('alert.hotfix');
    default:
      return a.label;
  }
}
