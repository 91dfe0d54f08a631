// The embedded terminal and its shell integration. 日本語。
import type { terminal as en } from '../en/terminal';

export const terminal: Record<keyof typeof en, string> = {
  'terminal.title': 'ターミナル',
  'terminal.exited': 'シェルが終了しました（終了コード {code}）。',
  'terminal.restart': '新しいシェルを起動',
  'terminal.starting': 'シェルを起動しています…',
  'terminal.find': 'ターミナル内を検索',
  'terminal.close': 'ターミナルを閉じる',
  'terminal.new': '新しいターミナル',
  'terminal.tab': 'シェル {n}',
  'integration.pending': 'シェル連携: 最初のプロンプトを待っています',
  'integration.active': 'シェル連携: 有効 — コマンド・出力・終了コードを記録します',
  'integration.unrecorded': 'シェル連携: 有効 — ただしジャーナルに書き込めないため何も記録されていません',
  'integration.nested': 'ssh/tmux の中: 手順のコマンドは tejun のマーカー付きで実行します',
  'integration.unavailable': 'このシェルは連携なし: 手順のコマンドは tejun のマーカー付きで実行します',
  'terminal.watching': 'このセッションの別のウィンドウがこのシェルに入力しています。ここには出力が表示されます。',
  'terminal.typeHere': 'こちらで入力する',
  'waiting.title': 'ウィンドウなしで動き続けているシェル',
  'waiting.lead': 'これらのシェルに戻ったウィンドウはありません。セッションを開いて続けるか、終了してください。',
  'waiting.running': '{process} を実行中',
  'waiting.idle': '{shell} のプロンプトで待機中',
  'waiting.step': '手順: {step}',
  'waiting.since': '{time} から',
  'waiting.open': 'セッションを開く',
  'waiting.end': 'このシェルを終了',
  'waiting.ended': 'シェル {name} を終了しました。',
};
