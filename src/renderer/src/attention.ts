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
