// One pass over the document, in order, giving every fenced block its id and role. It runs before steps are read,
// so a block's role does not depend on which step it lands in, and blocks outside any step get one too.
import { createHash } from 'node:crypto';
import type { BlockRole } from '../../shared/model';
import { pathOf, walk, type Block, type Fence, type Section } from './blocks';
import { inlineCommands } from './inline';
import { classifyBlock, DB_SHELL, type RoleDecision } from './roles';
import { labelKind, splitLabel } from './vocabulary';

export type RoleOverrides = Readonly<Record<string, BlockRole>>;

/** Headings that only say what the block under them is ("##### 期待される出力", "Example output"). */
export const OUTPUT_HEADING =
  /^(期待される(出力|結果)|出力例|出力結果|実行結果|結果の例|出力|結果|((example|sample|expected) )?(output|response|result)s?)\s*[:：]?$/i;

interface Walker {
  /** The heading over the prose, when no prose line stands between it and the block. */
  heading: string | null;
  label: 'expected' | 'symptom' | null;
  /** The last command (fenced or inline) when only prose stands between it and here. */
  command: string | null;
  dbShell: boolean;
  /** Prose blocks since the last fence: read backwards, and only as far as needed, when a fence comes. */
  prose: Block[];
}

/** Line k (0-based) of a paragraph or list item, with whether it is a whole item and whether it is in an item. */
function lineAt(
  b: Extract<Block, { t: 'para' | 'item' }>,
  k: number,
): { text: string; wholeItem: boolean; inItem: boolean } {
  if (b.t === 'para') return { text: b.lines[k]!.text, wholeItem: false, inItem: false };
  return k === 0
    ? { text: b.text, wholeItem: b.extra.length === 0, inItem: true }
    : { text: b.extra[k - 1]!.text, wholeItem: false, inItem: true };
}

/**
 * What the prose since the last fence says about the next one, read from the end: the last lines (the words
 * before it), the last label line, and the last inline command (a list item without one, or a table, ends the
 * run of a command above, as a new task begins). Each prose line is read at most once per fence.
 */
function readBack(w: Walker): { before: string; label: Walker['label']; command: string | null } {
  const before: string[] = [];
  let label: Walker['label'] | undefined;
  let command: string | null | undefined;
  for (let i = w.prose.length - 1; i >= 0 && (label === undefined || command === undefined || before.length < 3); i--) {
    const b = w.prose[i]!;
    if (b.t === 'table' || b.t === 'fence') {
      command ??= null;
      continue;
    }
    const count = b.t === 'para' ? b.lines.length : b.extra.length + 1;
    for (let k = count - 1; k >= 0; k--) {
      const l = lineAt(b, k);
      if (before.length < 3) before.unshift(l.text);
      if (label === undefined && /[:：]/.test(l.text)) {
        const lv = splitLabel(l.text);
        const kind = lv ? labelKind(lv.label) : null;
        if (lv)
          label = kind && !lv.value ? (kind === 'expected' ? 'expected' : kind === 'symptom' ? 'symptom' : null) : null;
      }
      if (command === undefined && l.text.includes('`')) {
        const inline = inlineCommands(l.text, l.wholeItem, l.inItem);
        if (inline.length) command = inline[inline.length - 1]!.text;
      }
    }
    if (b.t === 'item') command ??= null;
  }
  if (!before.length && w.heading) before.push(w.heading);
  return {
    before: before.join('\n'),
    label: label === undefined ? w.label : label,
    command: command === undefined ? w.command : command,
  };
}

const overridden = (role: BlockRole): RoleDecision => ({
  role,
  confidence: 'stated',
  why: 'set by the operator',
  command: undefined,
});

export function assignRoles(root: Section, overrides: RoleOverrides = {}): Fence[] {
  const seen = new Map<string, number>();
  const fences: Fence[] = [];
  const w: Walker = { heading: null, label: null, command: null, dbShell: false, prose: [] };
  for (const sec of walk(root)) {
    let path: string[] | null = null;
    if (sec.level > 0) {
      const names = OUTPUT_HEADING.test(sec.title);
      if (!names) w.command = null;
      w.heading = sec.title;
      w.label = names ? 'expected' : null;
      w.prose = [];
    }
    for (const b of sec.blocks) {
      if (b.t !== 'fence') {
        w.prose.push(b);
        continue;
      }
      const near = readBack(w);
      path ??= pathOf(sec);
      // One hash of the heading path and the text; the same block repeated under the same heading gets -2, -3…
      const digest = createHash('sha256').update(path.join('\u0000')).update('\u0000').update(b.text).digest('hex');
      const n = seen.get(digest) ?? 0;
      seen.set(digest, n + 1);
      b.id = `b-${digest.slice(0, 12)}${n ? `-${n + 1}` : ''}`;
      const auto = classifyBlock({
        lang: b.lang,
        text: b.text,
        before: near.before,
        label: near.label,
        afterCommand: near.command !== null,
        previousCommand: near.command ?? '',
        dbShell: w.dbShell,
      });
      const forced = overrides[b.id];
      b.role =
        forced && forced !== auto.role
          ? { ...overridden(forced), command: forced === 'command' ? (auto.command ?? b.text) : undefined }
          : auto;
      fences.push(b);
      w.command = b.role.role === 'command' ? (b.role.command ?? b.text) : null;
      if (!w.dbShell && w.command !== null && /mongo|shell|psql|mysql|maria|sqlite|redis|cqlsh/.test(w.command))
        w.dbShell = DB_SHELL.test(w.command);
      w.heading = null;
      w.label = null;
      w.prose = [];
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
    if (!sec.children.some((c) => c.children.length === 0 && OUTPUT_HEADING.test(c.title))) {
      for (const c of sec.children) if (c.children.length) stack.push(c);
      continue;
    }
    const kept: Section[] = [];
    for (const child of sec.children) {
      if (
        child.children.length === 0 &&
        OUTPUT_HEADING.test(child.title) &&
        child.blocks.every((b) => b.t === 'fence' || b.t === 'para')
      ) {
        const prev = kept[kept.length - 1];
        const into = prev ? lastDescendant(prev) : sec;
        into.blocks.push(
          {
            t: 'para',
            lines: [{ text: `${child.title.replace(/[:：]\s*$/, '')}:`, line: child.line }],
            quote: false,
            line: child.line,
            depth: 0,
          },
          ...child.blocks,
        );
        for (let s: Section | null = into; s && s !== sec.parent; s = s.parent)
          s.endLine = Math.max(s.endLine, child.endLine);
        continue;
      }
      kept.push(child);
      stack.push(child);
    }
    sec.children = kept;
  }
}
