// A procedure written as a list: "1. Stop the service ```sh …```  2. Replace the binary …". When a list's items
// hold commands (fenced inside the item, or inline), each item is a step; an item whose own sub-list holds the
// commands gives one step per sub-item. Pure, linear in the number of blocks.
import { plain, type Block } from './blocks';
import { inlineCommands } from './inline';

export interface ListStep {
  title: string;
  line: number;
  blocks: Block[];
}

type Item = Extract<Block, { t: 'item' }>;

interface Group {
  item: Item;
  blocks: Block[];
}

function depthOf(b: Block): number {
  return b.t === 'table' ? -1 : b.depth;
}

function proseHasCommand(b: Block): boolean {
  if (b.t === 'item')
    return (
      inlineCommands(b.text, b.extra.length === 0, true).length > 0 ||
      b.extra.some((e) => inlineCommands(e.text, false, true).length > 0)
    );
  if (b.t === 'para') return b.lines.some((l) => inlineCommands(l.text, false).length > 0);
  return false;
}

function holdsCommand(blocks: Block[]): boolean {
  return blocks.some((b) => (b.t === 'fence' && b.role?.role === 'command') || proseHasCommand(b));
}

/** Items at `depth` with the blocks each owns (deeper items, and paragraphs/fences inside the item). */
function groupsAt(blocks: Block[], depth: number): { groups: Group[]; loose: Block[][] } {
  const groups: Group[] = [];
  const loose: Block[][] = [[]];
  let cur: Group | null = null;
  for (const b of blocks) {
    if (b.t === 'item' && b.depth === depth) {
      cur = { item: b, blocks: [b] };
      groups.push(cur);
      loose.push([]);
    } else if (cur && ((depthOf(b) >= depth && !(b.t === 'item' && b.depth < depth)) || b.t === 'fence')) {
      // A fence written flush left under an item ends the list in CommonMark, but the writer meant it for the item.
      cur.blocks.push(b);
    } else {
      cur = null;
      loose[loose.length - 1]!.push(b);
    }
  }
  return { groups, loose };
}

function qualifies(groups: Group[]): boolean {
  if (groups.length < 2) return false;
  const withCommands = groups.filter((g) => holdsCommand(g.blocks)).length;
  return groups.some((g) => g.item.ordered) ? withCommands >= 1 : withCommands >= 2;
}

function titleOf(item: Item): string {
  const t = plain(item.text)
    .replace(/[:：]\s*$/, '')
    .trim();
  const short = t.length > 90 ? `${t.slice(0, 89)}…` : t;
  return short || `(line ${item.line})`;
}

/** An item whose own ordered sub-list carries the commands stands for its sub-items. */
function expand(g: Group): ListStep[] {
  const sub = g.blocks.slice(1).filter((b): b is Item => b.t === 'item');
  if (!sub.length) return [{ title: titleOf(g.item), line: g.item.line, blocks: g.blocks }];
  const depth = sub.reduce((m, x) => Math.min(m, x.depth), Infinity);
  const inner = groupsAt(g.blocks.slice(1), depth);
  if (!qualifies(inner.groups) || !inner.groups.some((x) => x.item.ordered))
    return [{ title: titleOf(g.item), line: g.item.line, blocks: g.blocks }];
  const lead = [g.item, ...(inner.loose[0] ?? [])];
  return inner.groups.map((x, i) => ({
    title: titleOf(x.item),
    line: x.item.line,
    blocks: [...(i === 0 ? lead : []), ...x.blocks, ...(inner.loose[i + 1] ?? [])],
  }));
}

/** Runs of items from one list: a paragraph between them, or a switch from ordered to bulleted, starts a new run. */
function runsOf(groups: Group[], loose: Block[][]): Group[][] {
  const runs: Group[][] = [];
  groups.forEach((g, i) => {
    const prev = groups[i - 1];
    if (!prev || (loose[i] ?? []).length || prev.item.ordered !== g.item.ordered) runs.push([g]);
    else runs[runs.length - 1]!.push(g);
  });
  return runs;
}

/**
 * The steps of a section written as a list, or null when its lists are not a procedure. Blocks before the list
 * go with the first step (a lead-in: cautions, notes), unless they hold commands of their own; a list that is not
 * a procedure (notes, links) goes with the step before it.
 */
export function listSteps(blocks: Block[]): { lead: Block[]; steps: ListStep[] } | null {
  const items = blocks.filter((b): b is Item => b.t === 'item');
  if (items.length < 2) return null;
  const depth = items.reduce((m, i) => Math.min(m, i.depth), Infinity);
  const { groups, loose } = groupsAt(blocks, depth);
  const runs = runsOf(groups, loose);
  if (!runs.some(qualifies)) return null;
  const steps: ListStep[] = [];
  const lead: Block[] = [...(loose[0] ?? [])];
  const park = (bs: Block[]): void => {
    if (steps.length) steps[steps.length - 1]!.blocks.push(...bs);
    else lead.push(...bs);
  };
  let k = 0;
  for (const run of runs) {
    const ok = qualifies(run);
    for (const g of run) {
      if (ok) steps.push(...expand(g));
      else park(g.blocks);
      park(loose[++k] ?? []);
    }
  }
  if (lead.length && !holdsCommand(lead)) {
    steps[0]!.blocks.unshift(...lead);
    return { lead: [], steps };
  }
  return { lead, steps };
}

/**
 * A section written as prose whose sentences carry the commands ("`sudo cp …` を実行して退避する。`sudo cp …` でコピーする。"):
 * each line with an inline command starts a step. Only when the section has no command block and no list procedure.
 */
export function proseSteps(blocks: Block[]): { lead: Block[]; steps: ListStep[] } | null {
  if (blocks.some((b) => (b.t === 'fence' && b.role?.role === 'command') || b.t === 'item')) return null;
  let hits = 0;
  for (const b of blocks) if (b.t === 'para') for (const l of b.lines) if (inlineCommands(l.text, false).length) hits++;
  if (hits < 2) return null;
  const steps: ListStep[] = [];
  const lead: Block[] = [];
  for (const b of blocks) {
    if (b.t !== 'para') {
      (steps[steps.length - 1]?.blocks ?? lead).push(b);
      continue;
    }
    for (const l of b.lines) {
      const piece: Block = { t: 'para', lines: [l], quote: b.quote, line: l.line, depth: b.depth };
      if (!b.quote && inlineCommands(l.text, false).length) {
        const t = plain(l.text);
        steps.push({ title: t.length > 90 ? `${t.slice(0, 89)}…` : t, line: l.line, blocks: [piece] });
      } else (steps[steps.length - 1]?.blocks ?? lead).push(piece);
    }
  }
  steps[0]!.blocks.unshift(...lead);
  return { lead: [], steps };
}
