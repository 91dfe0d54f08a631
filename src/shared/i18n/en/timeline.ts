// The timeline's words (legend, markers, summary): the same picture is drawn in the app and in the exports.
export const timeline = {
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
  minutes: '{n} min',
  summary: '{phases} phases, {steps} steps. Failed {failed}, overran {overran}.',
};
