// markdown-it tokens → a section tree of simple blocks that keep their raw source lines.
// One pass over the tokens; everything after this works on these blocks, never on tokens.
import MarkdownIt, { type Token } from 'markdown-it';
import type { RoleDecision } from './roles';

const md = new MarkdownIt({ html: true });
// Only the block structure is needed (inline content is read raw), and inline parsing is half the cost.
md.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);

export interface Line {
  text: string;
  line: number;
}
export type Block =
  | { t: 'para'; lines: Line[]; quote: boolean; line: number; depth: number }
  | { t: 'item'; text: string; line: number; depth: number; checked: boolean | null; extra: Line[]; ordered: boolean }
  | Fence
  | { t: 'table'; line: number; headers: string[]; rows: string[][]; rowLines: number[] };

export interface Fence {
  t: 'fence';
  lang: string;
  text: string;
  line: number;
  endLine: number;
  closed: boolean;
  /** List nesting where it stands (0 outside lists). */
  depth: number;
  /** Set by the role pass (assignRoles) before steps are read. */
  id?: string;
  role?: RoleDecision;
}

export interface Section {
  title: string;
  /** Heading text as written, markup included. */
  raw: string;
  level: number;
  line: number;
  endLine: number;
  blocks: Block[];
  children: Section[];
  parent: Section | null;
}

const CHECKBOX = /^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s?(.*)$/;
const BULLET = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;

/** Heading or cell text without Markdown emphasis and code marks. */
export function plain(s: string): string {
  return s
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Walks markdown-it's tokens once, keeping where it stands: the section, list nesting, quotes, an item's text. */
class BlockReader {
  readonly root: Section;
  private current: Section;
  private listDepth = 0;
  private readonly ordered: boolean[] = [];
  private quoteDepth = 0;
  private readonly itemFirstPara: boolean[] = [];

  constructor(
    private readonly src: string[],
    private readonly lineOffset: number,
  ) {
    this.root = {
      title: '',
      raw: '',
      level: 0,
      line: 1,
      endLine: src.length + lineOffset,
      blocks: [],
      children: [],
      parent: null,
    };
    this.current = this.root;
  }

  private fileLine(i: number): number {
    return i + 1 + this.lineOffset;
  }

  read(tokens: Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      switch (tok.type) {
        case 'heading_open':
          this.heading(tok, tokens[i + 1]?.content ?? '');
          i += 2;
          break;
        case 'bullet_list_open':
        case 'ordered_list_open':
          this.listDepth++;
          this.ordered.push(tok.type === 'ordered_list_open');
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          this.listDepth--;
          this.ordered.pop();
          break;
        case 'list_item_open':
          this.listItem(tok);
          break;
        case 'list_item_close':
          this.itemFirstPara.pop();
          break;
        case 'blockquote_open':
          this.quoteDepth++;
          break;
        case 'blockquote_close':
          this.quoteDepth--;
          break;
        case 'paragraph_open':
          this.paragraph(tok);
          break;
        case 'fence':
        case 'code_block':
          this.fence(tok);
          break;
        case 'html_block':
          this.htmlBlock(tok);
          break;
        case 'table_open': {
          const table = readTable(tokens, i, (k) => this.fileLine(k));
          this.current.blocks.push(table.block);
          i = table.end;
          break;
        }
        default:
          break;
      }
    }
  }

  private heading(tok: Token, raw: string): void {
    const level = Number(tok.tag.slice(1));
    while (this.current !== this.root && this.current.level >= level) this.current = this.current.parent!;
    const sec: Section = {
      title: plain(raw) || '(untitled)',
      raw,
      level,
      line: this.fileLine(tok.map![0]),
      endLine: 0,
      blocks: [],
      children: [],
      parent: this.current,
    };
    this.current.children.push(sec);
    this.current = sec;
  }

  private listItem(tok: Token): void {
    this.itemFirstPara.push(true);
    const first = this.src[tok.map![0]] ?? '';
    const cb = CHECKBOX.exec(first);
    const text = cb ? cb[2]! : (BULLET.exec(first)?.[1] ?? first.trim());
    this.current.blocks.push({
      t: 'item',
      text: text.trim(),
      line: this.fileLine(tok.map![0]),
      depth: this.listDepth,
      checked: cb ? cb[1] !== ' ' : null,
      extra: [],
      ordered: this.ordered[this.ordered.length - 1] ?? false,
    });
  }

  private paragraph(tok: Token): void {
    const [a, b] = tok.map!;
    const firstPara = this.itemFirstPara;
    if (firstPara.length && firstPara[firstPara.length - 1]) {
      // The item's own text: its first line is already the item; further lines continue it.
      firstPara[firstPara.length - 1] = false;
      const item = lastItem(this.current);
      if (item)
        for (let k = a + 1; k < b; k++) item.extra.push({ text: (this.src[k] ?? '').trim(), line: this.fileLine(k) });
      return;
    }
    const lines: Line[] = [];
    for (let k = a; k < b; k++)
      lines.push({ text: stripQuote(this.src[k] ?? '', this.quoteDepth), line: this.fileLine(k) });
    this.current.blocks.push({
      t: 'para',
      lines,
      quote: this.quoteDepth > 0,
      line: this.fileLine(a),
      depth: this.listDepth,
    });
  }

  private fence(tok: Token): void {
    const [a, b] = tok.map!;
    const lang = tok.type === 'fence' ? tok.info.trim().split(/\s+/)[0]!.toLowerCase() : '';
    const closingLine = this.src[b - 1] ?? '';
    const closed = tok.type !== 'fence' || (b - a >= 2 && /^\s*(`{3,}|~{3,})\s*$/.test(closingLine));
    this.current.blocks.push({
      t: 'fence',
      lang,
      text: tok.content.replace(/\n$/, ''),
      line: this.fileLine(a),
      endLine: this.fileLine(b - 1),
      closed,
      depth: this.listDepth,
    });
  }

  /** <details><summary>…</summary>: the summary is the words before the block it folds. */
  private htmlBlock(tok: Token): void {
    const m = /<summary>([^<\n]{1,300})<\/summary>/i.exec(tok.content);
    if (!m) return;
    const line = this.fileLine(tok.map![0]);
    this.current.blocks.push({
      t: 'para',
      lines: [{ text: m[1]!.trim(), line }],
      quote: false,
      line,
      depth: this.listDepth,
    });
  }
}

export function parseBlocks(body: string, lineOffset: number): { root: Section; lineCount: number } {
  const src = body.split('\n');
  const reader = new BlockReader(src, lineOffset);
  reader.read(md.parse(body, {}));
  closeRanges(reader.root, src.length + lineOffset);
  return { root: reader.root, lineCount: src.length + lineOffset };
}

function stripQuote(s: string, depth: number): string {
  let out = s;
  for (let d = 0; d < depth; d++) out = out.replace(/^\s*>\s?/, '');
  return out;
}

function lastItem(sec: Section): Extract<Block, { t: 'item' }> | null {
  for (let k = sec.blocks.length - 1; k >= 0; k--) {
    const b = sec.blocks[k]!;
    if (b.t === 'item') return b;
  }
  return null;
}

function readTable(
  tokens: Token[],
  start: number,
  fileLine: (i: number) => number,
): { block: Extract<Block, { t: 'table' }>; end: number } {
  const headers: string[] = [];
  const rows: string[][] = [];
  const rowLines: number[] = [];
  let row: string[] | null = null;
  let inHead = false;
  let i = start;
  for (; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.type === 'table_close') break;
    if (tok.type === 'thead_open') inHead = true;
    else if (tok.type === 'thead_close') inHead = false;
    else if (tok.type === 'tr_open') {
      row = [];
      if (!inHead) rowLines.push(fileLine(tok.map?.[0] ?? 0));
    } else if (tok.type === 'tr_close' && row) {
      if (inHead) headers.push(...row);
      else rows.push(row);
      row = null;
    } else if (tok.type === 'inline' && row) row.push(tok.content.trim());
  }
  return { block: { t: 'table', line: fileLine(tokens[start]!.map?.[0] ?? 0), headers, rows, rowLines }, end: i };
}

/** A section ends where the next heading of the same or a higher level begins. */
function closeRanges(sec: Section, end: number): void {
  for (let k = 0; k < sec.children.length; k++) {
    const child = sec.children[k]!;
    const next = sec.children[k + 1];
    closeRanges(child, next ? next.line - 1 : end);
  }
  sec.endLine = Math.max(sec.line, end);
}

/** Sections in document order (depth first), without recursion: a 20,000-heading document stays cheap. */
export function walk(sec: Section): Section[] {
  const out: Section[] = [];
  const stack: Section[] = [sec];
  while (stack.length) {
    const s = stack.pop()!;
    out.push(s);
    for (let i = s.children.length - 1; i >= 0; i--) stack.push(s.children[i]!);
  }
  return out;
}

/** Heading path from the top, for stable ids. */
export function pathOf(sec: Section): string[] {
  const p: string[] = [];
  for (let s: Section | null = sec; s && s.level > 0; s = s.parent) p.unshift(s.title);
  return p;
}
