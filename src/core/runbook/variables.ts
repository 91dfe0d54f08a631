// Placeholders and variables: what the operator must fill in before commands can run, and where each
// one occurs. Commands are rendered with the values given; what is still missing is reported by name.
import type { Runbook, Variable } from '../../shared/model';
import { allSteps } from '../../shared/model';

interface Pattern {
  re: RegExp;
  name: (m: RegExpExecArray) => string;
  /** Only in prose (bracket placeholders collide with shell syntax inside commands). */
  proseOnly?: boolean;
}

const PATTERNS: Pattern[] = [
  { re: /<([A-Z][A-Z0-9_]{1,40})>/g, name: (m) => m[1]! },
  { re: /\bv\[?X\.X\.X\]?/g, name: () => 'VERSION' },
  { re: /\bYYYY\/MM\/DD\b/g, name: () => 'YYYY/MM/DD' },
  { re: /\bYYYY-MM-DD\b/g, name: () => 'YYYY-MM-DD' },
  { re: /\bYYYYMMDD\b/g, name: () => 'YYYYMMDD' },
  { re: /\bHH:MM\b/g, name: () => 'HH:MM' },
  { re: /@username\d*\b/g, name: (m) => m[0].slice(1) },
  {
    re: /\[(氏名|名前|電話番号|理由を記載|[A-Za-z][A-Za-z ]{0,20}name|name|phone|reason)\]/gi,
    name: (m) => m[1]!,
    proseOnly: true,
  },
  { re: /<(name|phone|phone number)>/gi, name: (m) => m[1]!, proseOnly: true },
];

/** Shell variables every shell has: never asked for. */
const SHELL_BUILTINS = new Set([
  'HOME',
  'PATH',
  'USER',
  'PWD',
  'OLDPWD',
  'SHELL',
  'TERM',
  'LANG',
  'HOSTNAME',
  'RANDOM',
  'SECONDS',
  'LINENO',
  'UID',
  'EUID',
  'PPID',
  'IFS',
  'TMPDIR',
  'EDITOR',
  'PAGER',
  'BASH_VERSION',
  'EOF',
  'REPLY',
]);

export function isSecretName(name: string): boolean {
  return /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE|CREDENTIAL|DATABASE_URL|_DSN$/i.test(name);
}

/** The words that stand for a person or their number: these belong to a role; [理由を記載] does not. */
const PERSON = /^(氏名|名前|電話番号|[A-Za-z ]*name|phone|phone number)$/i;

/** Placeholders and the space between them: what may stand between a role's label and its placeholder. */
const ONLY_PLACEHOLDERS = /^(\s*(\[[^\]]{1,30}\]|<[^>]{1,30}>))*\s*$/;

/**
 * The role labelling a placeholder, from the text before it on its line: the previous cell of a table
 * row (`| **作業者** | [氏名] |`) or the label of an item (`- [ ] リリース責任者: [氏名] [電話番号]`).
 */
export function roleOf(before: string): string | null {
  let label: string | undefined;
  let between: string;
  if (/^\s*\|/.test(before)) {
    const cells = before.split(/(?<!\\)\|/);
    between = cells.pop() ?? '';
    label = cells.pop();
  } else {
    const colon = Math.max(before.lastIndexOf(':'), before.lastIndexOf('：'));
    if (colon < 0) return null;
    between = before.slice(colon + 1);
    label = before.slice(0, colon).replace(/^\s*(?:[-*+]\s+)?(?:\[[ xX]\]\s+)?(?:\d+[.)]\s+)?/, '');
  }
  if (!ONLY_PLACEHOLDERS.test(between)) return null;
  const role = (label ?? '').replace(/[*_`]/g, '').trim();
  return role && role.length <= 30 && !/[[\]<>|.]/.test(role) ? role : null;
}

function lineColumn(text: string, index: number, lineStarts: number[]): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: index - lineStarts[lo]! + 1 };
}

export function collectVariables(
  text: string,
  model: Runbook,
  frontMatter: Record<string, unknown> | null,
): Variable[] {
  const vars = new Map<string, Variable>();
  const get = (name: string, source: Variable['source']): Variable => {
    let v = vars.get(name);
    if (!v) {
      v = {
        name,
        source,
        description: null,
        default: null,
        secret: isSecretName(name),
        declared: false,
        occurrences: [],
      };
      vars.set(name, v);
    }
    return v;
  };
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);

  // Where the fences are, so prose-only patterns skip code.
  const commandLines = new Set<number>();
  for (const s of allSteps(model))
    for (const c of s.commands) for (let l = c.line; l <= c.endLine; l++) commandLines.add(l);

  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text))) {
      const at = lineColumn(text, m.index, lineStarts);
      if (p.proseOnly && commandLines.has(at.line)) continue;
      // A person's placeholder belongs to the role its row or item names: five [氏名] are five people.
      // Only a short lead is read (a hostile line of a million placeholders stays linear).
      const lead = m.index - lineStarts[at.line - 1]!;
      const role =
        p.proseOnly && lead <= 200 && PERSON.test(p.name(m)) ? roleOf(text.slice(m.index - lead, m.index)) : null;
      get(role ? `${role}.${p.name(m)}` : p.name(m), 'placeholder').occurrences.push({ ...at, text: m[0] });
    }
  }

  // Shell variables the commands read but no command of the runbook sets.
  const set = new Set<string>();
  const reads: { name: string; line: number; column: number; text: string }[] = [];
  for (const s of allSteps(model))
    for (const c of s.commands) {
      const lines = c.text.split('\n');
      lines.forEach((l, i) => {
        for (const m of l.matchAll(/(?:^|[\s;&|(])(?:export\s+|local\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=/g))
          set.add(m[1]!);
        for (const m of l.matchAll(/\b(?:for|read)\s+(?:-[a-z]+\s+)*([A-Za-z_][A-Za-z0-9_]*)/g)) set.add(m[1]!);
        if (/^\s*#/.test(l)) return;
        for (const m of l.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g))
          reads.push({ name: m[1]!, line: c.line + i, column: (m.index ?? 0) + 1, text: m[0] });
      });
    }
  for (const r of reads) {
    if (set.has(r.name) || SHELL_BUILTINS.has(r.name) || /^[a-z_]+$/.test(r.name)) continue;
    get(r.name, 'env').occurrences.push({ line: r.line, column: r.column, text: r.text });
  }

  // Front matter declarations: description, default, secret.
  const declared = frontMatter?.variables;
  if (declared && typeof declared === 'object') {
    for (const [name, spec] of Object.entries(declared as Record<string, unknown>)) {
      const v = vars.get(name) ?? get(name, 'declared');
      const o = spec && typeof spec === 'object' ? (spec as Record<string, unknown>) : { default: spec };
      if (typeof o.description === 'string') v.description = o.description;
      if (o.default !== undefined && o.default !== null) v.default = String(o.default);
      if (o.secret === true) v.secret = true;
      v.declared = true;
    }
  }
  return [...vars.values()];
}

export interface Rendered {
  text: string;
  /** Placeholders still in the text, by variable name. */
  unresolved: string[];
}

/** Put the operator's values into a command. Shell variables stay for the shell; placeholders must be filled. */
export function renderCommand(text: string, values: Readonly<Record<string, string>>): Rendered {
  let out = text;
  const unresolved = new Set<string>();
  for (const p of PATTERNS) {
    if (p.proseOnly) continue;
    out = out.replace(p.re, (...args: unknown[]) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const name = p.name(m);
      const v = values[name];
      if (v === undefined || v === '') {
        unresolved.add(name);
        return m[0];
      }
      // VERSION written as vX.X.X: keep the v when the value lacks it.
      if (name === 'VERSION' && m[0].startsWith('v') && !v.startsWith('v')) return `v${v}`;
      return v;
    });
  }
  return { text: out, unresolved: [...unresolved] };
}
