// Markdown dialects read as they are written (the file is never changed): Hugo and Liquid shortcodes, kramdown
// attribute lines, `:::` containers, GitHub alerts, MDX admonitions, TOML front matter. Each is rewritten, line for
// line, into the CommonMark the parser reads: warnings become quoted ⚠️ paragraphs (cautions), code shortcodes become
// fences, decoration becomes blank lines. Line numbers never move. Linear: each line is looked at a bounded number
// of times.

const FENCE = /^\s{0,12}(`{3,}|~{3,})/;
const CAUTION_KIND = /^(warning|warn|danger|caution|important|alert|error|attention|注意|警告|重要)$/i;

/** `+++ … +++` (Hugo) at the very top: the TOML between, and how many lines it takes. */
export function splitTomlFrontMatter(text: string): { toml: Record<string, string>; lines: number } | null {
  if (!/^\uFEFF?\+\+\+[ \t]*\r?\n/.test(text)) return null;
  const lines = text.split('\n');
  const end = lines.findIndex((l, i) => i > 0 && /^\+\+\+[ \t]*\r?$/.test(l));
  if (end < 0) return null;
  const toml: Record<string, string> = {};
  for (const l of lines.slice(1, end)) {
    const m = /^\s*([A-Za-z_][\w.-]{0,60})\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#][^#\n]{0,200}))/.exec(l);
    if (m) toml[m[1]!] = (m[2] ?? m[3] ?? m[4] ?? '').trim();
  }
  return { toml, lines: end + 1 };
}

const BOX_SHORTCODE =
  /^\{\{[<%]\s*(alert|admonition|notice|callout|hint|note|warning|caution|tip|info|danger)\b([^}]{0,200})[>%]\}\}$/i;

/** What an opening line starts: a code block (with its language), a caution, or a box to drop; null for none. */
function opening(line: string): { kind: 'code'; lang: string } | { kind: 'caution' | 'plain'; close: RegExp } | null {
  const t = line.trim();
  let m =
    /^\{\{[<%]\s*(?:highlight|code)\s+(?:lang(?:uage)?=)?"?([\w+-]{1,30})"?[^}]{0,200}[>%]\}\}$/.exec(t) ??
    /^\{%\s*highlight\s+([\w+-]{1,30})[^%]{0,100}%\}$/.exec(t);
  if (m) return { kind: 'code', lang: m[1]!.toLowerCase() };
  m = /^:{3,}\s*([\w-]{1,30})?\s*([\w-]{1,30})?/.exec(t);
  if (m && /^:{3,}\s*\S/.test(t)) {
    const kind = CAUTION_KIND.test(m[1] ?? '') || CAUTION_KIND.test(m[2] ?? '') ? 'caution' : 'plain';
    return { kind, close: /^\s{0,12}:{3,}\s*$/ };
  }
  m = BOX_SHORTCODE.exec(t);
  if (m) {
    const name = m[1]!.toLowerCase();
    const args = m[2] ?? '';
    const caution = /warning|caution|danger|important|error/i.test(args) || /^(warning|caution|danger)$/.test(name);
    return {
      kind: caution ? 'caution' : 'plain',
      close: new RegExp(`^\\s{0,12}\\{\\{[<%]\\s*/${name}\\s*[>%]\\}\\}\\s*$`, 'i'),
    };
  }
  m = /^<(Warning|Caution|Danger|Important|Note|Tip|Info|Callout|Admonition)\b[^>]{0,200}>$/.exec(t);
  if (m) {
    const caution = /^(Warning|Caution|Danger|Important)$/.test(m[1]!) || /type=["'](warning|caution|danger)/i.test(t);
    return { kind: caution ? 'caution' : 'plain', close: new RegExp(`^\\s{0,12}</${m[1]}>\\s*$`) };
  }
  return null;
}

const CODE_CLOSE = /^\s{0,12}(\{\{[<%]\s*\/\s*(highlight|code)\s*[>%]\}\}|\{%\s*endhighlight\s*%\})\s*$/;
const DECORATION = /^\s{0,12}(\{:[^}\n]{0,200}\}|\{\{[<%][^}\n]{0,300}[>%]\}\})\s*$/;
const IAL_CAUTION = /^\s{0,12}\{:\s*[^}]{0,200}\.(warning|danger|caution|important|alert)\b/i;
const ALERT = /^(\s{0,12}(?:>\s?)+)\[!(\w{1,20})\]\s*$/;

function indentOf(s: string): string {
  return /^\s*/.exec(s)![0];
}

/** Quote a run of lines as a caution: every paragraph's first line gets the ⚠️ the step card reads as a caution. */
function quoteAsCaution(lines: string[], from: number, to: number): void {
  let paraStart = true;
  for (let k = from; k < to; k++) {
    const l = lines[k]!;
    if (!l.trim()) {
      lines[k] = '>';
      paraStart = true;
      continue;
    }
    const ind = indentOf(l);
    lines[k] = `${ind}> ${paraStart && !FENCE.test(l) ? '⚠️ ' : ''}${l.slice(ind.length)}`;
    paraStart = false;
  }
}

/** Lines that may open or be dialect syntax start with one of these (after indentation and quote marks). */
const MAYBE = /^[\s>]{0,24}[{:<[]/;

/** A quick look for any dialect syntax at all (substring searches are far cheaper than a multi-line regex). */
function mayHaveDialect(body: string): boolean {
  return (
    ['{{', '{%', '{:', '{#', ':::', '[!'].some((m) => body.includes(m)) ||
    /<(Warning|Caution|Danger|Important|Note|Tip|Info|Callout|Admonition)\b/.test(body)
  );
}

export function normalizeDialects(body: string): string {
  if (!mayHaveDialect(body)) return body;
  const lines = body.split('\n');
  let fence: string | null = null;
  let box: { kind: 'caution' | 'plain'; close: RegExp; start: number } | null = null;
  let code = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const f = FENCE.exec(l);
    if (fence !== null) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && !l.trim().slice(f[1]!.length).trim())
        fence = null;
      continue;
    }
    if (code) {
      if (CODE_CLOSE.test(l)) {
        lines[i] = `${indentOf(l)}\`\`\``;
        code = false;
      }
      continue;
    }
    if (f) {
      fence = f[1]!;
      continue;
    }
    if (!MAYBE.test(l) && !/^\s{0,3}#/.test(l)) continue;
    if (box && box.close.test(l)) {
      lines[i] = '';
      if (box.kind === 'caution') quoteAsCaution(lines, box.start, i);
      box = null;
      continue;
    }
    const open = opening(l);
    if (open?.kind === 'code') {
      lines[i] = `${indentOf(l)}\`\`\`${open.lang}`;
      code = true;
      continue;
    }
    if (open && !box) {
      lines[i] = '';
      box = { kind: open.kind, close: open.close, start: i + 1 };
      continue;
    }
    const alert = ALERT.exec(l);
    if (alert) {
      const caution = /^(WARNING|CAUTION|IMPORTANT|DANGER)$/i.test(alert[2]!);
      lines[i] = alert[1]!.trimEnd();
      if (caution && i + 1 < lines.length && lines[i + 1]!.startsWith(alert[1]!))
        lines[i + 1] = `${alert[1]}⚠️ ${lines[i + 1]!.slice(alert[1]!.length)}`;
      continue;
    }
    if (IAL_CAUTION.test(l)) {
      let k = i - 1;
      while (k >= 0 && lines[k]!.trim() && k > i - 50) k--;
      quoteAsCaution(lines, k + 1, i);
      lines[i] = '';
      continue;
    }
    if (DECORATION.test(l)) lines[i] = '';
    else if (/^\s{0,3}#{1,6}\s/.test(l)) lines[i] = l.replace(/\s\{[:#][^}\n]{0,200}\}\s*$/, '');
  }
  return lines.join('\n');
}
