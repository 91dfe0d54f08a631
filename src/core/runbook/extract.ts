// The content of one step, read from its blocks: commands, expected values, blanks to fill in,
// confirmations, verdict criteria, failure instructions, message templates and fill-in tables.
import type {
  CodeBlock,
  Command,
  Confirmation,
  Criterion,
  Expected,
  Field,
  FillTable,
  MessageTemplate,
  Step,
} from '../../shared/model';
import { plain, type Block, type Fence, type Line } from './blocks';
import { inlineCommands } from './inline';
import { classifyBlock, type RoleDecision } from './roles';
import { BLANK_BARE, BLANK_CODE, labelKind, parseDuration, splitLabel, type LabelKind } from './vocabulary';

export type StepContent = Omit<
  Step,
  'id' | 'title' | 'kind' | 'line' | 'endLine' | 'group' | 'groupEstimateMinutes' | 'targets'
>;

export interface Extracted {
  content: StepContent;
  checkpoint: string | null;
  timeLimit: { text: string; line: number } | null;
  /** Text gathered under 症状 / 原因 / 対処法 labels (troubleshooting). */
  labelled: Partial<Record<'symptom' | 'cause' | 'remedy', string>>;
  diagrams: { kind: string; text: string; line: number }[];
}

export function emptyContent(): StepContent {
  return {
    purpose: null,
    cautions: [],
    estimateMinutes: null,
    timeoutMinutes: null,
    commands: [],
    expected: [],
    fields: [],
    confirmations: [],
    criteria: [],
    failure: [],
    templates: [],
    tables: [],
    blocks: [],
  };
}

/** The role pass has run on every block of a parsed document; a block handed in on its own is classified alone. */
function roleOf(b: Fence): RoleDecision {
  return (
    b.role ??
    classifyBlock({ lang: b.lang, text: b.text, before: '', label: null, afterCommand: false, previousCommand: '' })
  );
}

export function codeBlockOf(b: Fence, stepId: string | null): CodeBlock {
  const r = roleOf(b);
  return {
    id: b.id ?? `b-${b.line}`,
    line: b.line,
    endLine: b.endLine,
    lang: b.lang,
    role: r.role,
    confidence: r.confidence,
    why: r.why,
    stepId,
  };
}

const PLACEHOLDER_IN_TEMPLATE =
  /<[A-Z][A-Z0-9_]*>|\[[^\]\n]{1,30}\]|v?X\.X\.X|YYYY[/-]?MM[/-]?DD|YYYYMMDD|HH:MM|@username\w*/g;

function criterionLevel(text: string): Criterion['level'] | null {
  if (/^✅/.test(text)) return 'ok';
  if (/^⚠️?/.test(text) && /正常|警告|warn|warning|注意/i.test(text.slice(0, 12))) return 'warn';
  if (/^❌/.test(text)) return 'error';
  return null;
}

type Labelled = Extracted['labelled'];
type Item = Extract<Block, { t: 'item' }>;
type Para = Extract<Block, { t: 'para' }>;

const isLabelledKind = (kind: LabelKind | null | undefined): kind is keyof Labelled =>
  kind === 'symptom' || kind === 'cause' || kind === 'remedy';

/** A line that says nothing but warns: a quote that starts with ⚠️ or 注意 and the like. */
const CAUTION_QUOTE = /⚠️|注意|重要|caution|warning/i;

/**
 * Reads one step's blocks in order. A label without a value waits for what follows (a fence, an item), a ❌ "if…"
 * criterion collects the items under it, and checkboxes nest by depth: that state lives between blocks.
 */
class StepReader {
  readonly c = emptyContent();
  readonly out: Extracted = { content: this.c, checkpoint: null, timeLimit: null, labelled: {}, diagrams: [] };
  private pending: { kind: LabelKind | null; label: string; line: number } | null = null;
  private lastCommand: Command | null = null;
  private failure: { text: string; items: string[]; line: number; depth: number } | null = null;
  private readonly confStack: { depth: number; node: Confirmation }[] = [];
  private readonly n = { k: 0, f: 0, c: 0, m: 0 };

  constructor(private readonly idPrefix: string) {}

  read(b: Block): void {
    if (b.t === 'para') this.readPara(b);
    else if (b.t === 'item') this.readItem(b);
    else if (b.t === 'fence') this.readFence(b);
    else if (b.t === 'table') this.readTable(b);
  }

  finish(): Extracted {
    this.c.failure = this.c.failure.map(({ text, items, line }) => ({ text, items, line }));
    return this.out;
  }

  private nextId(kind: keyof StepReader['n']): string {
    return `${this.idPrefix}.${kind}${++this.n[kind]}`;
  }

  private addField(label: string, line: number, column: number, kind: Field['kind'], suffix = ''): void {
    this.c.fields.push({ id: this.nextId('f'), label: label || '(blank)', line, column, kind, suffix });
  }

  private appendLabelled(kind: LabelKind, text: string): void {
    if (!isLabelledKind(kind)) return;
    const before = this.out.labelled[kind];
    this.out.labelled[kind] = before ? `${before}\n${text}` : text;
  }

  private addCommand(command: Omit<Command, 'id'>): void {
    this.lastCommand = { id: this.nextId('k'), ...command };
    this.c.commands.push(this.lastCommand);
  }

  /** Commands written inline in a line of prose (`run \`make deploy\``). */
  private addInline(l: Line, whole: boolean, inItem: boolean): void {
    for (const ic of inlineCommands(l.text, whole, inItem)) {
      this.addCommand({
        text: ic.text,
        lang: 'bash',
        line: l.line,
        endLine: l.line,
        expectedOutput: null,
        confidence: 'inferred',
        why: ic.why,
        blockId: null,
        inline: true,
      });
    }
  }

  /** One line of prose: a label with its value, a verdict criterion, a caution, or a blank to fill in. */
  private readLine(l: Line, whole = false, inItem = false): void {
    const text = l.text.trim();
    if (!text) return;
    if (this.readCriterion(text, l.line)) return;
    if (/^⚠️/u.test(text)) {
      this.c.cautions.push({ text: plain(text.replace(/^⚠️\s*/u, '')), line: l.line });
      return;
    }
    const lv = splitLabel(text);
    const blankInValue = lv !== null && (BLANK_CODE.test(lv.value) || BLANK_BARE.test(lv.value));
    const kind = lv && !blankInValue ? labelKind(lv.label) : null;
    if (lv && kind) {
      this.readLabel(kind, lv, l.line);
      return;
    }
    if (this.readBlank(l, text)) return;
    this.addInline(l, whole, inItem);
    if (lv) this.pending = lv.value ? null : { kind: null, label: lv.label, line: l.line };
  }

  /** ✅ / ⚠️ / ❌ verdict criteria; a ❌ "if…" is what to do on failure, with the items under it. */
  private readCriterion(text: string, line: number): boolean {
    const level = criterionLevel(text);
    if (!level) return false;
    if (level === 'error' && /もし|場合|if\b|when\b/i.test(text)) {
      this.failure = { text: plain(text.replace(/^❌\s*/, '')), items: [], line, depth: 0 };
      this.c.failure.push(this.failure);
    } else this.c.criteria.push({ level, text: plain(text.replace(/^(✅|⚠️|❌)\s*/u, '')), line });
    return true;
  }

  private readLabel(kind: LabelKind, lv: { label: string; value: string }, line: number): void {
    const c = this.c;
    const value = plain(lv.value);
    switch (kind) {
      case 'estimate':
        c.estimateMinutes = parseDuration(value);
        break;
      case 'timeout':
        c.timeoutMinutes = parseDuration(value);
        break;
      case 'purpose':
        c.purpose = value || null;
        break;
      case 'caution':
        if (value) c.cautions.push({ text: value, line });
        break;
      case 'expected':
        if (value) c.expected.push({ text: value, raw: lv.value, line, block: false });
        break;
      case 'checkpoint':
        this.out.checkpoint = value || null;
        break;
      case 'timeLimit':
        this.out.timeLimit = { text: value, line };
        break;
      default:
        if (value) this.appendLabelled(kind, value);
    }
    this.pending = value ? null : { kind, label: lv.label, line };
  }

  /** A blank to fill in (`_____` or a code span of underscores), labelled by the words before it. */
  private readBlank(l: Line, text: string): boolean {
    const blank = BLANK_CODE.exec(text) ?? BLANK_BARE.exec(text);
    if (!blank) return false;
    const before = text.slice(0, blank.index);
    const label = plain(splitLabel(before + ':')?.label ?? before).replace(/[:：]\s*$/, '');
    const kindOf: Field['kind'] = BLANK_CODE.test(text) ? 'blank' : 'inline';
    const after = plain(text.slice(blank.index + blank[0].length));
    this.addField(label, l.line, l.text.indexOf(blank[0]) + 1 + (blank[1]?.length ?? 0), kindOf, after);
    this.pending = null;
    return true;
  }

  private readPara(b: Para): void {
    if (b.quote && CAUTION_QUOTE.test(b.lines[0]?.text ?? '')) {
      for (const l of b.lines)
        if (l.text.trim() && !/^\s*⚠️\s*$/u.test(l.text))
          this.c.cautions.push({ text: plain(l.text.replace(/^⚠️\s*/u, '')), line: l.line });
      return;
    }
    for (const l of b.lines) this.readLine(l);
  }

  private readItem(b: Item): void {
    if (this.readFailureItem(b)) return;
    if (b.checked !== null) {
      this.readConfirmation(b, b.checked);
      return;
    }
    const pendingKind = this.pending?.kind;
    if (isLabelledKind(pendingKind)) {
      this.appendLabelled(pendingKind, plain(b.text));
      return;
    }
    this.readLine({ text: b.text, line: b.line }, b.extra.length === 0, true);
    for (const e of b.extra) this.readLine(e, false, true);
  }

  /** An item nested under a ❌ "if…" criterion: one of the things to do on that failure. */
  private readFailureItem(b: Item): boolean {
    const f = this.failure;
    if (!f || b.depth <= 0 || (f.depth !== 0 && b.depth < f.depth) || b.checked !== null || criterionLevel(b.text))
      return false;
    f.depth = b.depth;
    f.items.push(plain(b.text));
    return true;
  }

  /** A checkbox item: a confirmation, nested under the nearest shallower one. */
  private readConfirmation(b: Item, checked: boolean): void {
    const node: Confirmation = {
      id: this.nextId('c'),
      text: plain(b.text),
      checked,
      line: b.line,
      children: [],
    };
    const stack = this.confStack;
    while (stack.length && stack[stack.length - 1]!.depth >= b.depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.node.children.push(node);
    else this.c.confirmations.push(node);
    stack.push({ depth: b.depth, node });
    const line: Line = { text: b.text, line: b.line };
    // A blank inside a confirmation ("問い合わせ: _____ 件") is also a value to record.
    if (BLANK_CODE.test(b.text) || BLANK_BARE.test(b.text)) this.readLine(line);
    else this.addInline(line, false, true);
  }

  private readFence(b: Fence): void {
    const r = roleOf(b);
    this.c.blocks.push(codeBlockOf(b, this.idPrefix));
    const pendingKind = this.pending?.kind;
    this.pending = null;
    if (b.lang === 'mermaid') this.out.diagrams.push({ kind: 'mermaid', text: b.text, line: b.line });
    else if (pendingKind === 'symptom' || pendingKind === 'cause') this.appendLabelled(pendingKind, b.text);
    else if (r.role === 'output') {
      this.c.expected.push({ text: b.text, line: b.line + 1, block: true, blockId: b.id ?? null });
      if (this.lastCommand && !this.lastCommand.expectedOutput) this.lastCommand.expectedOutput = b.text;
    } else if (r.role === 'command') this.readCommandFence(b, r, pendingKind);
    else if (r.role === 'message') this.c.templates.push(this.templateOf(b));
  }

  private readCommandFence(b: Fence, r: RoleDecision, pendingKind: LabelKind | null | undefined): void {
    const text = r.command ?? b.text;
    const output = r.output ?? null;
    this.addCommand({
      text,
      lang: b.lang || 'bash',
      line: b.line + 1,
      endLine: Math.max(b.line + 1, b.endLine - 1),
      expectedOutput: output,
      confidence: r.confidence,
      why: r.why,
      blockId: b.id ?? null,
      inline: false,
    });
    if (output !== null)
      this.c.expected.push({
        text: output,
        line: b.line + 1 + (r.outputIndex ?? 0),
        block: true,
        blockId: b.id ?? null,
      });
    if (pendingKind === 'remedy') this.appendLabelled('remedy', text);
  }

  private templateOf(b: Fence): MessageTemplate {
    const heading = b.text.split('\n').find((l) => /^#\s/.test(l));
    return {
      id: this.nextId('m'),
      title: heading?.replace(/^#\s*/, '') ?? '',
      text: b.text,
      line: b.line + 1,
      placeholders: [...new Set(b.text.match(PLACEHOLDER_IN_TEMPLATE) ?? [])],
    };
  }

  private readTable(b: Extract<Block, { t: 'table' }>): void {
    const table = fillTable(b, () => this.nextId('f'));
    if (!table) return;
    this.c.tables.push(table.table);
    this.c.fields.push(...table.fields);
  }
}

export function extract(blocks: Block[], idPrefix: string): Extracted {
  const reader = new StepReader(idPrefix);
  for (const b of blocks) reader.read(b);
  return reader.finish();
}

const FILL_HEADER = /実測値|測定値|判定|完了|結果|実施|確認済|actual|measured|result|verdict|done|status|check/i;
const BLANK_CELL = /^(_{3,}.*|.*\s_{3,}.*|\[ \]|)$/;

/** A table whose cells are to be filled in (実測値 / 判定 / 完了 columns, `_____ %` or `[ ]` cells). */
function fillTable(
  b: Extract<Block, { t: 'table' }>,
  nextId: () => string,
): { table: FillTable; fields: Field[] } | null {
  const fillCols = b.headers.map(
    (h, i) => FILL_HEADER.test(plain(h)) || b.rows.some((r) => /_{3,}|^\[ \]$/.test((r[i] ?? '').trim())),
  );
  if (!fillCols.some(Boolean) || b.rows.length === 0) return null;
  const fields: Field[] = [];
  const fieldIds = b.rows.map((row, r) =>
    row.map((cell, col) => {
      if (!fillCols[col] || !BLANK_CELL.test(cell.trim())) return null;
      const id = nextId();
      const suffix = cell.replace(/_{3,}|\[ \]/g, '').trim();
      fields.push({
        id,
        label: `${plain(row[0] ?? '')} / ${plain(b.headers[col] ?? '')}`,
        line: b.rowLines[r] ?? b.line,
        column: 1,
        kind: 'cell',
        suffix,
      });
      return id;
    }),
  );
  if (fields.length === 0) return null;
  return {
    table: { line: b.line, headers: b.headers.map(plain), rows: b.rows.map((r) => r.map(plain)), fieldIds },
    fields,
  };
}

export type { Expected };
