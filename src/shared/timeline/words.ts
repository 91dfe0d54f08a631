// The timeline's words in Japanese and English: the same picture is drawn in the app and in the
// exports, so its legend and markers are worded here rather than in either.
import type { ActualOutcome, MarkerKind } from './layout';

export type TimelineLang = 'ja' | 'en';

interface Words {
  title: string;
  planned: string;
  band: string;
  outcome: Record<ActualOutcome, string>;
  marker: Record<MarkerKind, string>;
  choice: Record<string, string>;
  minutes: (n: number) => string;
  summary: (phases: number, steps: number, failed: number, overran: number) => string;
}

const ja: Words = {
  title: '計画と実績のタイムライン',
  planned: '計画',
  band: '過去の実績 p50–p90',
  outcome: { done: '完了', skipped: 'スキップ', failed: '失敗', overran: '超過', active: '実施中' },
  marker: {
    go: 'Go',
    decision: '判断',
    rollback: '切り戻し宣言',
    deadline: '切り戻し判断期限',
    'window-end': '作業枠の終了',
    'progress-report': '15分報告',
    'point-of-no-return': '引き返せない地点',
    now: '現在',
  },
  choice: { continue: '続行', hotfix: 'ホットフィックス', rollback: '切り戻し' },
  minutes: (n) => `${n}分`,
  summary: (p, s, f, o) => `${p}フェーズ・${s}ステップ。失敗 ${f}、超過 ${o}。`,
};

const en: Words = {
  title: 'Timeline: planned versus actual',
  planned: 'Planned',
  band: 'Past runs p50–p90',
  outcome: { done: 'Done', skipped: 'Skipped', failed: 'Failed', overran: 'Overran', active: 'In progress' },
  marker: {
    go: 'Go',
    decision: 'Decision',
    rollback: 'Rollback declared',
    deadline: 'Rollback decision deadline',
    'window-end': 'Window ends',
    'progress-report': '15-min report',
    'point-of-no-return': 'Point of no return',
    now: 'Now',
  },
  choice: { continue: 'continue', hotfix: 'hotfix', rollback: 'roll back' },
  minutes: (n) => `${n} min`,
  summary: (p, s, f, o) => `${p} phases, ${s} steps. Failed ${f}, overran ${o}.`,
};

export function timelineWords(lang: TimelineLang): Words {
  return lang === 'ja' ? ja : en;
}
