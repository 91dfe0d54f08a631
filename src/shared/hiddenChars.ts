// Characters that make a command run other than it reads: control characters (ESC ends a bracketed
// paste and drives the terminal; CR rewrites the line) and Unicode bidi controls (they reorder what is
// displayed, so `touch` can hide behind a comment). Tab and newline are the only controls a command
// needs. Lint reports these, the card shows them escaped, core refuses to paste or run them.
import { translate } from './i18n';

export interface HiddenChar {
  /** The escape as the card shows it: `\x1b`, `\u202e`. */
  escaped: string;
  /** What it is, in words an operator can search for. */
  name: string;
  /** 1-based, in the command's own text. */
  line: number;
  column: number;
}

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'BACKSPACE',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESC',
  0x7f: 'DELETE',
  0x9b: 'CSI',
  0x061c: 'ARABIC LETTER MARK',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
};

/** One character each: C0 but tab and newline, DEL, C1, bidi controls, Unicode line separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is this regex's whole job
export const HIDDEN_CHAR = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const HIDDEN_ALL = new RegExp(HIDDEN_CHAR.source, 'g');

export function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function nameOf(ch: string): string {
  const code = ch.charCodeAt(0);
  return NAMES[code] ?? (code >= 0x80 ? 'C1 control character' : 'control character');
}

export function findHiddenChars(text: string): HiddenChar[] {
  const out: HiddenChar[] = [];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      lineStart = i + 1;
    } else if (HIDDEN_CHAR.test(ch)) {
      out.push({ escaped: escapeChar(ch), name: nameOf(ch), line, column: i - lineStart + 1 });
    }
  }
  return out;
}

/**
 * "ESC (\x1b) at line 12, column 5; …", at most a few, then how many more. `firstLine` is the file line
 * of the command's first line, so the operator is sent to the runbook's own line.
 */
export function describeHiddenChars(found: HiddenChar[], lang: 'ja' | 'en', firstLine = 1, max = 4): string {
  const parts = found.slice(0, max).map((h) =>
    translate(lang, 'hidden.at', {
      name: h.name,
      escaped: h.escaped,
      line: h.line + firstLine - 1,
      column: h.column,
    }),
  );
  const more = found.length - parts.length;
  if (more > 0) parts.push(translate(lang, 'hidden.more', { n: more }));
  return parts.join(translate(lang, 'hidden.separator'));
}

/** The text cut into plain parts and hidden characters, for a display that marks each one. */
export function splitHidden(text: string): { text: string; hidden: boolean }[] {
  const out: { text: string; hidden: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(HIDDEN_ALL)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), hidden: false });
    out.push({ text: escapeChar(m[0]), hidden: true });
    last = m.index + 1;
  }
  if (last < text.length) out.push({ text: text.slice(last), hidden: false });
  return out;
}

/** Runs of this many blank lines or more are counted on the card and warned about by lint. */
export const BLANK_RUN = 3;

/** Where a command has long runs of blank lines: the line after which each starts, and its length. */
export function blankRuns(text: string): { afterLine: number; count: number }[] {
  const lines = text.split('\n');
  const out: { afterLine: number; count: number }[] = [];
  let run = 0;
  lines.forEach((l, i) => {
    if (l.trim() === '') run++;
    else {
      if (run >= BLANK_RUN) out.push({ afterLine: i - run, count: run });
      run = 0;
    }
  });
  return out;
}
