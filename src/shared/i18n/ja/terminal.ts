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
};
