// The words the teams' procedures use, in Japanese and English (see shared/seeds/README.md's glossary).

export type LabelKind =
  | 'estimate'
  | 'timeout'
  | 'purpose'
  | 'caution'
  | 'expected'
  | 'checkpoint'
  | 'timeLimit'
  | 'symptom'
  | 'cause'
  | 'remedy'
  | 'confirm';

const LABELS: [LabelKind, RegExp][] = [
  ['estimate', /^(所要時間|所要時間目安|目安時間|作業時間|estimate|estimated time|duration)$/i],
  ['timeout', /^(タイムアウト|timeout|time ?out)$/i],
  ['purpose', /^(目的|purpose|why)$/i],
  ['caution', /^(注意|注意事項|⚠️ ?重要|重要|caution|warning|important|⚠️ ?important)$/i],
  [
    'expected',
    /^(期待値|期待される結果|期待される出力|期待結果|出力例|出力結果|実行結果|結果の例|expected|expected value|expected output|expected result|example output|sample output|expected response|output)$/i,
  ],
  ['checkpoint', /^(チェックポイント|checkpoint)$/i],
  ['timeLimit', /^(制限時間|time limit|deadline)$/i],
  ['symptom', /^(症状|symptom|symptoms)$/i],
  ['cause', /^(原因|cause|causes|likely cause)$/i],
  ['remedy', /^(対処法|対処|対応|解決策|remedy|fix|solution|resolution)$/i],
  ['confirm', /^(確認|確認事項|check|checks|verify)$/i],
];

export function labelKind(label: string): LabelKind | null {
  const l = label.trim();
  for (const [kind, re] of LABELS) if (re.test(l)) return kind;
  return null;
}

/**
 * "**label**: value", "label: value", "label：value" → [label, value]. The label is short and has no sentence
 * punctuation.
 */
export function splitLabel(text: string): { label: string; value: string } | null {
  const m = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([^*:：`\n]{1,40}?)(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.*)$/.exec(text);
  if (!m) return null;
  const label = m[1]!.replace(/\*\*|__/g, '').trim();
  if (!label || /https?$/i.test(label)) return null;
  return { label, value: m[2]!.trim() };
}

/** Durations as the seeds write them: 30分, 約10分, 2時間, 1時間30分, 30 min, 2 h, 1.5 hours. */
export function parseDuration(text: string): number | null {
  let total = 0;
  let found = false;
  const re = /(\d+(?:\.\d+)?)\s*(時間|hours?|hrs?|h\b|分|minutes?|mins?|m\b)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))))) {
    const n = Number(m[1]);
    total += /^(時間|h)/i.test(m[2]!) ? n * 60 : n;
    found = true;
  }
  return found ? Math.round(total * 100) / 100 : null;
}

export const PHASE_HEADING = /^(?:フェーズ|phase|ステージ|stage)\s*([0-9０-９]+)\s*[:：.-]?\s*(.*)$/i;
/** Rollback and recovery under their usual names (hyphenated, "or lack thereof", downgrade, failback, restore). */
export const ROLLBACK_HEADING =
  /切り戻し|切戻し|ロールバック|ダウングレード|フェイルバック|フェールバック|切り替え戻し|戻し手順|元に戻す|巻き戻し|障害.{0,8}復旧|復旧手順|復元|リストア手順|\broll[ -]?(back|ing back)|\brevert(ing)?\b|\bdowngrad(e|ing)\b|\bfail-?back\b|\brestor(e|ing|ation)\b|\brecover(y|ing)?\b|\bback(ing)?[ -]?out\b|or lack thereof|\bundo(ing)? (the|a|an) (release|upgrade|update|deploy|migration|change)/i;
/** A title that makes the whole document a rollback procedure. */
export const ROLLBACK_DOCUMENT =
  /切り戻し|切戻し|ロールバック|ダウングレード|フェイルバック|フェールバック|\broll[ -]?(back|ing back)|\brevert(ing)?\b|\bdowngrad(e|ing)\b|\bfail-?back\b/i;
export const ROLLBACK_CRITERIA_HEADING = /判断基準|いつ|基準|criteria|when to|triggers?/i;
export const TROUBLESHOOTING_HEADING = /トラブルシューティング|troubleshooting/i;
export const PREREQUISITES_HEADING = /前提条件|事前確認|事前準備|prerequisites|before you (start|begin)/i;
export const COMPLETION_HEADING = /完了報告|作業完了|completion report|release report|wrap.?up/i;
export const INFO_HEADING = /ドキュメント情報|文書情報|document info|document information|about this document/i;
export const CONTACTS_HEADING = /連絡先|連絡体制|エスカレーション|contacts?|escalation|on-?call/i;
export const CHECKLIST_HEADING = /チェックリスト|checklist/i;

export function stepKindOf(title: string): 'before' | 'change' | 'after' | 'plain' {
  if (/【変化前】|\[before\]|^before\s*[:：]/i.test(title)) return 'before';
  if (/【変化後】|\[after\]|^after\s*[:：]/i.test(title)) return 'after';
  if (/【変化】|\[change\]|^change\s*[:：]/i.test(title)) return 'change';
  return 'plain';
}

export const SHELL_LANGS = new Set([
  'bash',
  'sh',
  'shell',
  'zsh',
  'console',
  'shell-session',
  'shellsession',
  'fish',
  'ksh',
  'powershell',
  'pwsh',
  'ps1',
]);
export const TEMPLATE_LANGS = new Set(['markdown', 'md', 'slack', 'message']);

/** A fill-in blank: `____`, or ____ written bare (3 or more underscores). */
export const BLANK_CODE = /`\s*_{3,}\s*`/;
export const BLANK_BARE = /(^|[^_\w`])_{3,}(?=$|[^_\w`])/;

export const DESTRUCTIVE =
  /\bDROP\s+(TABLE|DATABASE|SCHEMA|INDEX|COLUMN|USER|ROLE)\b|\bTRUNCATE\b|\brm\s+-[a-zA-Z]*(r[a-zA-Z]*f|f[a-zA-Z]*r)\b|--force\b|(^|\s)-f\s+\S*delete|\bkubectl\s+delete\b|--replicas[= ]0\b|\bscale\b[^\n]*\b0\b|\bDELETE\s+FROM\b(?![^;\n]*\bWHERE\b)|\bgit\s+push\s+[^\n]*(-f\b|--force)|\bterraform\s+destroy\b|\baws\s+\S+\s+delete-/i;

export const BACKUP_WORDS = /バックアップ|backup|pg_dump|mysqldump|snapshot|スナップショット/i;
