// One pass over the document, in order, giving every fenced block its id and role. It runs before steps are read,
// so a block's role does not depend on which step it lands in, and blocks outside any step get one too.
import type { BlockRole } from '../../shared/model';
import { pathOf, walk, type Block, type Fence, type Section } from './blocks';
import { inlineCommands } from './inline';
import { stableId } from './outline';
import { classifyBlock, DB_SHELL, type RoleDecision } from './roles';
import { labelKind, splitLabel } from './vocabulary';

export type RoleOverrides = Readonly<Record<string, BlockRole>>;

/** Headings that only say what the block under them is ("##### 期待される出力", "Example output"). */
export const OUTPUT_HEADING = /^(期待される(出力|結果)|出力例|出力結果|実行結果|結果の例|出力|結果|(example|sample|expected) (output|response|result)s?|output|result)\s*[:：]?$/i;

interface Walker {
  before: string[];
  label: 'expected' | 'symptom' | null;
  /** The last command (fenced or inline) when only prose stands between it and here. */
  command: string | null;
  dbShell: boolean;
}

function readProse(w: Walker, text: string, wholeItem: boolean, inItem: boolean): void {
  const lv = splitLabel(text);
  const kind = lv ? labelKind(lv.label) : null;
  if (kind) w.label = lv!.value ? null : kind === 'expected' ? 'expected' : kind === 'symptom' ? 'symptom' : null;
  else if (lv) w.label = null;
  w.before.push(text);
  if (w.before.length > 3) w.before.shift();
  const inline = inlineCommands(text, wholeItem, inItem);
  if (inline.length) w.command = inline[inline.length - 1]!.text;
}

function proseOf(b: Block, w: Walker): void {
  if (b.t === 'para') for (const l of b.lines) readProse(w, l.text, false, false);
  else if (b.t === 'item') {
    // A new item is a new task: a block under it is not the output of the previous item's command.
    w.command = null;
    readProse(w, b.text, b.extra.length === 0, true);
    for (const e of b.extra) readProse(w, e.text, false, true);
  }
}

const overridden = (role: BlockRole): RoleDecision => ({ role, confidence: 'stated', why: 'set by the operator', command: undefined });

export function assignRoles(root: Section, overrides: RoleOverrides = {}): Fence[] {
  const seen = new Map<string, number>();
  const fences: Fence[] = [];
  const w: Walker = { before: [], label: null, command: null, dbShell: false };
  for (const sec of walk(root)) {
    if (sec.level > 0) {
      if (!OUTPUT_HEADING.test(sec.title)) w.command = null;
      w.before = [sec.title];
      w.label = OUTPUT_HEADING.test(sec.title) ? 'expected' : null;
    }
    for (const b of sec.blocks) {
      if (b.t !== 'fence') {
        if (b.t === 'table') w.command = null;
        proseOf(b, w);
        continue;
      }
      const key = [...pathOf(sec), b.text].join('\u0000');
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      b.id = stableId(['block', ...pathOf(sec), b.text], n).replace(/^h-/, 'b-');
      const auto = classifyBlock({ lang: b.lang, text: b.text, before: w.before.join('\n'), label: w.label, afterCommand: w.command !== null, previousCommand: w.command ?? '', dbShell: w.dbShell });
      const forced = overrides[b.id];
      b.role = forced && forced !== auto.role ? { ...overridden(forced), command: forced === 'command' ? (auto.command ?? b.text) : undefined } : auto;
      fences.push(b);
      w.command = b.role.role === 'command' ? (b.role.command ?? b.text) : null;
      if (w.command !== null && DB_SHELL.test(w.command)) w.dbShell = true;
      w.before = [];
      w.label = null;
    }
  }
  return fences;
}

function lastDescendant(sec: Section): Section {
  let s = sec;
  while (s.children.length) s = s.children[s.children.length - 1]!;
  return s;
}

/**
 * A heading that only names the block under it (`##### 期待される出力`, `#### Example output`) is a label, not a
 * step: its blocks join the section before it, after a label line saying what they are.
 */
export function foldLabelSections(root: Section): void {
  const stack: Section[] = [root];
  while (stack.length) {
    const sec = stack.pop()!;
    const kept: Section[] = [];
    for (const child of sec.children) {
      if (child.children.length === 0 && OUTPUT_HEADING.test(child.title) && child.blocks.every((b) => b.t === 'fence' || b.t === 'para')) {
        const prev = kept[kept.length - 1];
        const into = prev ? lastDescendant(prev) : sec;
        into.blocks.push({ t: 'para', lines: [{ text: `${child.title.replace(/[:：]\s*$/, '')}:`, line: child.line }], quote: false, line: child.line, depth: 0 }, ...child.blocks);
        for (let s: Section | null = into; s && s !== sec.parent; s = s.parent) s.endLine = Math.max(s.endLine, child.endLine);
        continue;
      }
      kept.push(child);
      stack.push(child);
    }
    sec.children = kept;
  }
}
