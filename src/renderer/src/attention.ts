// The sentence for what needs deciding, in the UI's language, from the state's attention record.
import { allSteps, type Runbook } from '../../shared/model';
import type { SessionState } from '../../shared/session/state';
import type { MessageKey } from './i18n/messages';

export function attentionText(model: Runbook, a: NonNullable<SessionState['attention']>, t: (k: MessageKey, v?: Record<string, string | number>) => string): string {
  const step = allSteps(model).find((s) => s.id === a.stepId)?.title ?? a.stepId;
  if (a.kind === 'step-failed') return t('attention.stepFailed', { step, detail: a.detail });
  if (a.kind === 'verdict-error') return t('attention.verdict-error', { step, detail: a.detail });
  return t('attention.checkFailed', { detail: a.detail });
}

/** A fired timer in the UI's language: the key names what it is about (`step-overrun:<step>:<t>`). */
export function alertText(model: Runbook, a: SessionState['alerts'][number], t: (k: MessageKey, v?: Record<string, string | number>) => string): string {
  const [kind, ref] = a.key.split(':');
  const step = allSteps(model).find((s) => s.id === ref);
  const phase = model.phases.find((p) => p.id === ref);
  switch (kind) {
    case 'step-overrun':
      return t('alert.step-overrun', { title: step?.title ?? '', n: step?.estimateMinutes ?? step?.groupEstimateMinutes ?? '' });
    case 'step-timeout':
      return t('alert.step-timeout', { title: step?.title ?? '', n: step?.timeoutMinutes ?? '' });
    case 'phase-overrun':
      return t('alert.phase-overrun', { title: phase?.title ?? '', n: phase?.budgetMinutes ?? '' });
    case 'monitoring': {
      const m = Number(ref);
      const when = m === 0 ? t('alert.monitoringStart') : m >= 60 && m % 60 === 0 ? t('alert.plusHours', { n: m / 60 }) : t('alert.plusMinutes', { n: m });
      const what = a.label.includes(': ') ? a.label.slice(a.label.indexOf(': ') + 2) : '';
      return t('alert.monitoring', { when, what: what ? ` — ${what}` : '' });
    }
    case 'window-end':
    case 'deadline-30':
    case 'deadline-10':
    case 'deadline':
    case 'hotfix':
    case 'progress-report':
      return t(`alert.${kind}`);
    default:
      return a.label;
  }
}
