// The seeds' rollback decision rules as data, not code paths. The runbook's own criteria are added.
import type { Runbook } from '../model';

export interface DecisionRule {
  id: string;
  /** When it applies, in the runbook's words or the seeds'. */
  when: string;
  action: 'rollback-now' | 'decide-within' | 'hotfix' | 'rollback-forced';
  /** For decide-within: the release manager decides within this many minutes. */
  minutes: number | null;
  source: 'seeds' | 'runbook';
}

const SEED_RULES: Record<'ja' | 'en', DecisionRule[]> = {
  ja: [
    {
      id: 'critical',
      when: 'クリティカルな障害（サービス停止・データ不整合）',
      action: 'rollback-now',
      minutes: 0,
      source: 'seeds',
    },
    { id: 'error-rate', when: 'エラーレートが通常の10倍超', action: 'decide-within', minutes: 10, source: 'seeds' },
    { id: 'latency', when: 'レスポンスタイムが通常の3倍超', action: 'decide-within', minutes: 10, source: 'seeds' },
    { id: 'hotfix', when: '30分以内に修正可能', action: 'hotfix', minutes: 30, source: 'seeds' },
    { id: 'deadline', when: '制限時間を過ぎた', action: 'rollback-forced', minutes: null, source: 'seeds' },
  ],
  en: [
    {
      id: 'critical',
      when: 'Critical failure (service down, data inconsistency)',
      action: 'rollback-now',
      minutes: 0,
      source: 'seeds',
    },
    { id: 'error-rate', when: 'Error rate above 10× normal', action: 'decide-within', minutes: 10, source: 'seeds' },
    { id: 'latency', when: 'Latency above 3× normal', action: 'decide-within', minutes: 10, source: 'seeds' },
    { id: 'hotfix', when: 'Fixable within 30 minutes', action: 'hotfix', minutes: 30, source: 'seeds' },
    { id: 'deadline', when: 'Past the time limit', action: 'rollback-forced', minutes: null, source: 'seeds' },
  ],
};

export function decisionRules(model: Runbook): DecisionRule[] {
  const own: DecisionRule[] = (model.rollback?.criteria ?? []).map((c, i) => ({
    id: `runbook-${i + 1}`,
    when: c.text,
    action: 'rollback-now',
    minutes: 0,
    source: 'runbook',
  }));
  return [...own, ...SEED_RULES[model.language]];
}
