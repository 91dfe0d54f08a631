// Where a runbook's commands must run: `target:` in the front matter, or a `**対象**:` / `**Target**:` line
// on a phase or a step (`kube-context: prod-tokyo, aws-account: 123456789012`). Nearer wins, kind by kind.
import { TARGET_KINDS, type Target, type TargetKind } from '../../shared/model';
import type { Block } from './blocks';

/** The words a runbook may use for each kind (lower case); the canonical name first. */
const KIND_WORDS: Record<TargetKind, readonly string[]> = {
  'kube-context': ['kube-context', 'kubecontext', 'kube context', 'context', 'kubectl context', 'cluster', 'クラスタ'],
  'aws-account': ['aws-account', 'aws account', 'account', 'aws アカウント', 'awsアカウント', 'アカウント'],
  host: ['host', 'hostname', 'server', 'ホスト', 'サーバ', 'サーバー'],
  database: ['database', 'db', 'データベース'],
};

/** A target line: `**対象**: …` / `**Target**: …` (bold optional, full-width colon allowed). */
const TARGET_LINE =
  /^\s*(?:[-*]\s+)?(?:\*\*|__)?(?:対象|ターゲット|target)(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.+)$/i;
/** Values are short names; anything longer is a sentence, not a target. */
const VALUE_LIMIT = 200;

export function kindOf(word: string): TargetKind | null {
  const w = word.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const k of TARGET_KINDS) if (KIND_WORDS[k].includes(w)) return k;
  return null;
}

// Control and bidi characters never reach a target: it is shown, compared and (in a rehearsal) printed by a shim.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const clean = (v: string): string =>
  v
    .replace(HIDDEN, '')
    .replace(/[`*]/g, '')
    .trim()
    .replace(/^["'「]|["'」]$/g, '')
    .trim();

/** `kube-context: prod-tokyo, host: db-primary-01` → targets; parts that name no known kind are left out. */
export function parseTargetText(text: string, line: number): Target[] {
  const out: Target[] = [];
  for (const part of text.split(/[,、;；]|\s\/\s/)) {
    const m = /^\s*([^:：=]+?)\s*[:：=]\s*(.+?)\s*$/.exec(clean(part) === '' ? '' : part.replace(/[`*]/g, ''));
    if (!m) continue;
    const kind = kindOf(m[1]!);
    const value = clean(m[2]!);
    if (kind && value && value.length <= VALUE_LIMIT) out.push({ kind, value, line });
  }
  return out;
}

/** The target lines among a section's own paragraphs and items. */
export function targetsInBlocks(blocks: readonly Block[]): Target[] {
  const out: Target[] = [];
  const read = (text: string, line: number): void => {
    const m = TARGET_LINE.exec(text);
    if (m) out.push(...parseTargetText(m[1]!, line));
  };
  for (const b of blocks) {
    if (b.t === 'para') for (const l of b.lines) read(l.text, l.line);
    else if (b.t === 'item') read(b.text, b.line);
  }
  return out;
}

/**
 * The front matter's `target:` (or `対象:`): a map `{ kube-context: prod-tokyo }`, a list of such maps, or one
 * string `"kube-context: prod-tokyo, host: db-1"`. `line` is where the front matter starts.
 */
export function targetsFromFrontMatter(fm: Record<string, unknown> | null, line = 1): Target[] {
  const v = fm?.['target'] ?? fm?.['targets'] ?? fm?.['対象'];
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return parseTargetText(v, line);
  const maps = Array.isArray(v) ? v : [v];
  const out: Target[] = [];
  for (const m of maps) {
    if (typeof m === 'string') out.push(...parseTargetText(m, line));
    else if (m && typeof m === 'object')
      for (const [k, val] of Object.entries(m as Record<string, unknown>)) {
        const kind = kindOf(k);
        const value = typeof val === 'string' || typeof val === 'number' ? clean(String(val)) : '';
        if (kind && value && value.length <= VALUE_LIMIT) out.push({ kind, value, line });
      }
  }
  return out;
}

/** Outer targets overlaid by inner ones, kind by kind (a step's `host:` replaces its phase's, keeps its context). */
export function inheritTargets(...layers: readonly (readonly Target[])[]): Target[] {
  const byKind = new Map<TargetKind, Target>();
  for (const layer of layers) for (const t of layer) byKind.set(t.kind, t);
  return TARGET_KINDS.flatMap((k) => (byKind.has(k) ? [byKind.get(k)!] : []));
}
