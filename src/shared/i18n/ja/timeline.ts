// The timeline's words (legend, markers, summary). 日本語。
import type { timeline as en } from '../en/timeline';

export const timeline: typeof en = {
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
  minutes: '{n}分',
  summary: '{phases}フェーズ・{steps}ステップ。失敗 {failed}、超過 {overran}。',
};
