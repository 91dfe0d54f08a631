// Evidence in the app: export, sign-off, bundle check, redlines. 日本語。
import type { evidence as en } from '../en/evidence';

export const evidence: Record<keyof typeof en, string> = {
  'evidence.export': 'エクスポート',
  'evidence.md': 'Markdown',
  'evidence.html': 'HTML',
  'evidence.pdf': 'PDF',
  'evidence.bundle': '証跡バンドル',
  'evidence.report': 'リハーサル報告',
  'evidence.operatorName': '作業者',
  'evidence.approverName': '承認者',
  'evidence.passphrase': '鍵のパスフレーズ',
  'evidence.passphraseHint': '8文字以上。初回は署名鍵を作成し、このパスフレーズで保護します。',
  'evidence.countersign': '承認者として署名',
  'evidence.countersigned': '承認者署名済み',
  'evidence.verified': 'バンドルの検証に成功',
  'evidence.verifyTitle': '証跡バンドルを検証…',
  'evidence.verifyResult': '検証結果',
  'evidence.verifying': 'バンドルを確認しています…',
  'evidence.bundleSize':
    '{name} は {mb} MB です。tejun が検証できる証跡バンドルは 1 バイトから {max} MB までです。1 セッションの .tejun.json バンドルを選んでください。',
  'evidence.verdict.OK': '改ざんなし。署名者は全員、信頼リストに登録済み',
  'evidence.verdict.BROKEN': '改ざんあり。この記録は信用できません',
  'evidence.verdict.UNTRUSTED': '信頼リスト（データフォルダの trust.yaml）にない鍵の署名があります',
  'evidence.verdict.MISSING': '必要な署名が足りません',
  'redline.propose': '手順書の改善案を作る',
  'redline.title': '手順書への変更案（unified diff）',
  'redline.none': '手順書と違った点はありません。変更案はありません。',
  'redline.copy': 'コピー',
  'redline.save': '.patch を保存',
  'redline.copied': 'コピーしました',
};
