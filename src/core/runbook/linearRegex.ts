// Regular expressions written by others (a runbook's `redact:` patterns and `/regex/` expected values)
// run on RE2 (re2js, pure JavaScript): time linear in the input whatever the pattern, so `(a+)+$` cannot
// freeze the host. RE2 has no backreferences and no lookaround; those are refused by name, with what to
// write instead, never silently approximated.
import { RE2JS } from 're2js';

/** Longer patterns are refused: a redaction rule or an expected value is a line, not a program. */
export const MAX_PATTERN_LENGTH = 500;

type Lang = 'ja' | 'en';
export type Reason = Record<Lang, string>;

export class PatternRefused extends Error {
  constructor(readonly reason: Reason) {
    super(reason.en);
    this.name = 'PatternRefused';
  }
}

export interface LinearRegex {
  readonly source: string;
  test(text: string): boolean;
  /** Every non-overlapping match, left to right, replaced by what `f` returns for it. */
  replace(text: string, f: (match: string) => string): string;
}

const UNSUPPORTED: [RegExp, Reason][] = [
  [
    /^\(\?<?[=!]/,
    {
      ja:
        '先読み・後読み（(?=…) (?!…) (?<=…) (?<!…)）は使えません（線形時間で動く RE2 は対応していません）。' +
        '前後の文字もパターンに含めて書いてください。',
      en:
        'lookaround ((?=…), (?!…), (?<=…), (?<!…)) is not supported (the linear-time RE2 engine has none). ' +
        'Match the surrounding text as part of the pattern instead.',
    },
  ],
  [
    /^\\(?:[1-9]|k<)/,
    {
      ja: '後方参照（\\1 や \\k<name>）は使えません（線形時間で動く RE2 は対応していません）。繰り返す部分をそのまま書いてください。',
      en:
        'backreferences (\\1, \\k<name>) are not supported (the linear-time RE2 engine has none). ' +
        'Write the repeated text out instead.',
    },
  ],
];

/**
 * Refuses what RE2 lacks, and turns capturing groups into plain ones: only the whole match is used, and
 * RE2 finds a match without captures by its DFA, orders of magnitude faster than with them.
 */
function prepare(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const rest = source.slice(i, i + 4);
    const c = source[i]!;
    if (!inClass) for (const [re, reason] of UNSUPPORTED) if (re.test(rest)) throw new PatternRefused(reason);
    if (c === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '(' && source[i + 1] !== '?') out += '(?:';
    else if (c === '(' && /^\(\?P?<[A-Za-z_]/.test(source.slice(i, i + 5))) {
      const close = source.indexOf('>', i);
      out += '(?:';
      i = close < 0 ? i : close;
    } else out += c;
  }
  return out;
}

const FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0, g: 0 };

function flagBits(flags: string): number {
  let bits = 0;
  for (const f of flags) {
    const bit = FLAGS[f];
    if (bit === undefined)
      throw new PatternRefused({
        ja: `フラグ「${f}」は使えません（使えるのは i m s u）。`,
        en: `the flag "${f}" is not supported (use i, m, s or u).`,
      });
    bits |= bit;
  }
  return bits;
}

function compileRe2(source: string, flags: string): RE2JS {
  if (source.length > MAX_PATTERN_LENGTH)
    throw new PatternRefused({
      ja: `パターンが長すぎます（${source.length}文字、上限${MAX_PATTERN_LENGTH}文字）。短く分けて書いてください。`,
      en:
        `the pattern is too long (${source.length} characters; the limit is ${MAX_PATTERN_LENGTH}). ` +
        'Split it into shorter ones.',
    });
  const bits = flagBits(flags);
  try {
    return RE2JS.compile(RE2JS.translateRegExp(prepare(source)), bits);
  } catch (e) {
    if (e instanceof PatternRefused) throw e;
    const why = (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp: /, '');
    throw new PatternRefused({
      ja: `正規表現として読めません（${why}）。`,
      en: `it is not a valid regular expression (${why}).`,
    });
  }
}

// Sessions build a redactor per journal entry; compiling once per pattern keeps that cheap.
const cache = new Map<string, LinearRegex>();

/** The pattern on the linear-time engine; throws PatternRefused saying why and what to write instead. */
export function compileLinear(source: string, flags = ''): LinearRegex {
  const key = `${flags}/${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const re = compileRe2(source, flags);
  const compiled: LinearRegex = {
    source,
    test: (text) => re.test(text),
    replace: (text, f) => replaceAll(re, text, f),
  };
  if (cache.size >= 256) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

function replaceAll(re: RE2JS, text: string, f: (match: string) => string): string {
  // "Is there a match at all" runs on the DFA; finding where needs the slower NFA, which most text never needs.
  if (!re.test(text)) return text;
  const m = re.matcher(text);
  let out = '';
  let last = 0;
  while (m.find()) {
    const start = m.start();
    const end = m.end();
    // An empty match replaces nothing: it would only insert the mark between characters.
    if (end === start) continue;
    out += text.slice(last, start) + f(text.slice(start, end));
    last = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Why the pattern is refused (in the runbook's language), or null when it runs. */
export function patternProblem(source: string, flags: string, lang: Lang): string | null {
  try {
    compileLinear(source, flags);
    return null;
  } catch (e) {
    if (e instanceof PatternRefused) return e.reason[lang];
    throw e;
  }
}
