// Every string the UI shows, in Japanese and English. A key missing from one language fails the type-check.
const en = {
  'app.name': 'tejun',
  'app.tagline': 'Release procedures, one step at a time',
  'picker.title': 'Open a runbook',
  'picker.lead': 'Open the Markdown procedure your team wrote. It is read as it is; nothing in the file is changed.',
  'picker.choose': 'Choose a file…',
  'picker.drop': 'or drop the .md file here',
  'picker.recent': 'Recently opened',
  'picker.none': 'No runbooks opened yet.',
  'picker.opening': 'Opening…',
  'outline.title': 'Outline',
  'outline.empty': 'No headings found in this runbook.',
  'doc.diagnostics': 'Notes about this file',
  'terminal.title': 'Terminal',
  'terminal.exited': 'The shell exited (code {code}).',
  'terminal.restart': 'Start a new shell',
  'terminal.starting': 'Starting shell…',
  'header.open': 'Open…',
  'header.close': 'Close runbook',
  'header.language': 'Language',
  'header.theme': 'Theme',
  'lang.auto': 'Auto',
  'lang.ja': '日本語',
  'lang.en': 'English',
  'theme.night': 'Night',
  'theme.light': 'Light',
  'theme.contrast': 'High contrast',
  'conn.lost': 'Connection to the tejun host lost. Check that `tejun serve` is still running, then reload this page.',
  'error.dismiss': 'Dismiss',
  'error.title': 'Could not do that',
} as const;

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  'app.name': 'tejun',
  'app.tagline': '手順書どおりに、一歩ずつ',
  'picker.title': '手順書を開く',
  'picker.lead': 'チームが書いた Markdown の手順書を開きます。ファイルはそのまま読み込み、書き換えません。',
  'picker.choose': 'ファイルを選択…',
  'picker.drop': 'または .md ファイルをここにドロップ',
  'picker.recent': '最近開いた手順書',
  'picker.none': 'まだ手順書を開いていません。',
  'picker.opening': '開いています…',
  'outline.title': '目次',
  'outline.empty': 'この手順書には見出しがありません。',
  'doc.diagnostics': 'このファイルについての注意',
  'terminal.title': 'ターミナル',
  'terminal.exited': 'シェルが終了しました（終了コード {code}）。',
  'terminal.restart': '新しいシェルを起動',
  'terminal.starting': 'シェルを起動しています…',
  'header.open': '開く…',
  'header.close': '手順書を閉じる',
  'header.language': '言語',
  'header.theme': 'テーマ',
  'lang.auto': '自動',
  'lang.ja': '日本語',
  'lang.en': 'English',
  'theme.night': '夜間',
  'theme.light': 'ライト',
  'theme.contrast': 'ハイコントラスト',
  'conn.lost': 'tejun ホストとの接続が切れました。`tejun serve` が動いているか確認し、ページを再読み込みしてください。',
  'error.dismiss': '閉じる',
  'error.title': '実行できませんでした',
};

export const MESSAGES = { en, ja } as const;
export type UiLanguage = keyof typeof MESSAGES;

export function translate(lang: UiLanguage, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template: string = MESSAGES[lang][key] ?? MESSAGES.en[key];
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? `{${name}}`));
}
