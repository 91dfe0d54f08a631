// Rehearsal: badge, speed, trainer faults. 日本語。
import type { rehearsal as en } from '../en/rehearsal';

export const rehearsal: Record<keyof typeof en, string> = {
  'rehearsal.start': 'オフラインでリハーサル',
  'rehearsal.speed': '時計',
  'rehearsal.badge': 'リハーサル',
  'rehearsal.badgeHint': 'オフラインのリハーサル：本番用ツールは代替（シム）で、本番には何も届きません。',
  'rehearsal.bypass.absolute-path':
    '{what} を絶対パスで呼んでいます：リハーサルの代替（シム）を通らず、実物のツールに届きます。',
  'rehearsal.bypass.remote': '{what} で接続します：リハーサルでは模擬のみ。本番では別のマシンに届きます。',
  'rehearsal.bypass.sets-path':
    'PATH を自分で設定しています（{what}）：実物のツールがシムより先に使われるおそれがあります。',
  'rehearsal.bypass.env-i': '「{what}」はリハーサル用の環境を捨てます。',
  'rehearsal.bypass.raw-socket': '自分で接続を開きます（{what}）：シムが間に入りません。',
  'rehearsal.bypass.indirect':
    'プログラムを間接的に呼んでいます（{what}）：シムではなく実物のツールが動くおそれがあります。',
  'rehearsal.bypass.interpreter': '{what} のコードを実行します：自分で接続やファイルを開けます。',
  'rehearsal.bypass.writes-outside': 'リハーサル用フォルダの外のファイルに書き込みます（{what}）。',
  'rehearsal.isolation.sandboxed': '隔離: {how}',
  'rehearsal.badgeHintShimsOnly':
    'シムのみのリハーサル：この環境には OS のサンドボックスがなく、シムを通らないコマンドはネットワークに届きます。要注意のコマンドは実行前に確認します。',
  'rehearsal.isolation.shimsOnly': '隔離: シムのみ — コマンドはネットワークに届きます',
  'rehearsal.isolation.blocked': '{n} 件遮断',
  'trainer.title': 'トレーナー：障害を仕込む',
  'trainer.step': 'ステップ',
  'trainer.symptom': '症状',
  'trainer.exitCode': '終了コード',
  'trainer.inject': '失敗させる',
  'trainer.remove': '取り消す',
};
