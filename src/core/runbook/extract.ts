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

export function extract(blocks: Block[], idPrefix: string): Extracted {
  const c = emptyContent();
  const out: Extracted = { content: c, checkpoint: null, timeLimit: null, labelled: {}, diagrams: [] };
  // Held in one object: closures below update it, and TypeScript tracks object fields across them.
  const st: {
    pending: { kind: LabelKind | null; label: string; line: number } | null;
    lastCommand: Command | null;
    failure: { text: string; items: string[]; line: number; depth: number } | null;
  } = { pending: null, lastCommand: null, failure: null };
  const confStack: { depth: number; node: Confirmation }[] = [];
  const n = { k: 0, f: 0, c: 0, m: 0 };

  const addField = (label: string, line: number, column: number, kind: Field['kind'], suffix = ''): string => {
    const id = `${idPrefix}.f${++n.f}`;
    c.fields.push({ id, label: label || '(blank)', line, column, kind, suffix });
    return id;
  };
  const appendLabelled = (kind: LabelKind, text: string): void => {
    if (kind === 'symptom' || kind === 'cause' || kind === 'remedy') {
      out.labelled[kind] = out.labelled[kind] ? `${out.labelled[kind]}\n${text}` : text;
    }
  };

  /** One line of prose: a label with its value, a verdict criterion, a caution, or a blank to fill in. */
  const addInline = (l: Line, whole: boolean, inItem: boolean): void => {
    for (const ic of inlineCommands(l.text, whole, inItem)) {
      st.lastCommand = {
        id: `${idPrefix}.k${++n.k}`,
        text: ic.text,
        lang: 'bash',
        line: l.line,
        endLine: l.line,
        expectedOutput: null,
        confidence: 'inferred',
        why: ic.why,
        blockId: null,
        inline: true,
      };
      c.commands.push(st.lastCommand);
    }
  };

  const readLine = (l: Line, whole = false, inItem = false): void => {
    const text = l.text.trim();
    if (!text) return;
    const level = criterionLevel(text);
    if (level) {
      if (level === 'error' && /もし|場合|if\b|when\b/i.test(text)) {
        st.failure = { text: plain(text.replace(/^❌\s*/, '')), items: [], line: l.line, depth: 0 };
        c.failure.push(st.failure);
      } else c.criteria.push({ level, text: plain(text.replace(/^(✅|⚠️|❌)\s*/u, '')), line: l.line });
      return;
    }
    if (/^⚠️/u.test(text)) {
      c.cautions.push({ text: plain(text.replace(/^⚠️\s*/u, '')), line: l.line });
      return;
    }
    const lv = splitLabel(text);
    const blankInValue = lv !== null && (BLANK_CODE.test(lv.value) || BLANK_BARE.test(lv.value));
    const kind = lv && !blankInValue ? labelKind(lv.label) : null;
    if (lv && kind) {
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
          if (value) c.cautions.push({ text: value, line: l.line });
          break;
        case 'expected':
          if (value) c.expected.push({ text: value, raw: lv.value, line: l.line, block: false });
          break;
        case 'checkpoint':
          out.checkpoint = value || null;
          break;
        case 'timeLimit':
          out.timeLimit = { text: value, line: l.line };
          break;
        default:
          if (value) appendLabelled(kind, value);
      }
      st.pending = value ? null : { kind, label: lv.label, line: l.line };
      return;
    }
    const blank = BLANK_CODE.exec(text) ?? BLANK_BARE.exec(text);
    if (blank) {
      const before = text.slice(0, blank.index);
      const label = plain(splitLabel(before + ':')?.label ?? before).replace(/[:：]\s*$/, '');
      const kindOf: Field['kind'] = BLANK_CODE.test(text) ? 'blank' : 'inline';
      const after = plain(text.slice(blank.index + blank[0].length));
      addField(label, l.line, l.text.indexOf(blank[0]) + 1 + (blank[1]?.length ?? 0), kindOf, after);
      st.pending = null;
      return;
    }
    addInline(l, whole, inItem);
    if (lv) st.pending = lv.value ? null : { kind: null, label: lv.label, line: l.line };
  };

  const readFence = (b: Fence): void => {
    const r = roleOf(b);
    c.blocks.push(codeBlockOf(b, idPrefix));
    const pendingKind = st.pending?.kind;
    st.pending = null;
    if (b.lang === 'mermaid') {
      out.diagrams.push({ kind: 'mermaid', text: b.text, line: b.line });
    } else if (pendingKind === 'symptom' || pendingKind === 'cause') {
      appendLabelled(pendingKind, b.text);
    } else if (r.role === 'output') {
      c.expected.push({ text: b.text, line: b.line + 1, block: true, blockId: b.id ?? null });
      if (st.lastCommand && !st.lastCommand.expectedOutput) st.lastCommand.expectedOutput = b.text;
    } else if (r.role === 'command') {
      const text = r.command ?? b.text;
      const output = r.output ?? null;
      const lang = b.lang || 'bash';
      st.lastCommand = {
        id: `${idPrefix}.k${++n.k}`,
        text,
        lang,
        line: b.line + 1,
        endLine: Math.max(b.line + 1, b.endLine - 1),
        expectedOutput: output,
        confidence: r.confidence,
        why: r.why,
        blockId: b.id ?? null,
        inline: false,
      };
      c.commands.push(st.lastCommand);
      if (output !== null)
        c.expected.push({ text: output, line: b.line + 1 + (r.outputIndex ?? 0), block: true, blockId: b.id ?? null });
      if (pendingKind === 'remedy') appendLabelled('remedy', text);
    } else if (r.role === 'message') {
      const title =
        b.text
          .split('\n')
          .find((l) => /^#\s/.test(l))
          ?.replace(/^#\s*/, '') ?? '';
      const template: MessageTemplate = {
        id: `${idPrefix}.m${++n.m}`,
        title,
        text: b.text,
        line: b.line + 1,
        placeholders: [...new Set(b.text.match(PLACEHOLDER_IN_TEMPLATE) ?? [])],
      };
      c.templates.push(template);
    }
  };

  for (const b of blocks) {
    if (b.t === 'para') {
      if (b.quote && /⚠️|注意|重要|caution|warning/i.test(b.lines[0]?.text ?? '')) {
        for (const l of b.lines)
          if (l.text.trim() && !/^\s*⚠️\s*$/u.test(l.text))
            c.cautions.push({ text: plain(l.text.replace(/^⚠️\s*/u, '')), line: l.line });
        continue;
      }
      for (const l of b.lines) readLine(l);
      continue;
    }
    if (b.t === 'item') {
      const line: Line = { text: b.text, line: b.line };
      if (
        st.failure &&
        b.depth > 0 &&
        (st.failure.depth === 0 || b.depth >= st.failure.depth) &&
        b.checked === null &&
        !criterionLevel(b.text)
      ) {
        st.failure.depth = b.depth;
        st.failure.items.push(plain(b.text));
        continue;
      }
      if (b.checked !== null) {
        const node: Confirmation = {
          id: `${idPrefix}.c${++n.c}`,
          text: plain(b.text),
          checked: b.checked,
          line: b.line,
          children: [],
        };
        while (confStack.length && confStack[confStack.length - 1]!.depth >= b.depth) confStack.pop();
        const parent = confStack[confStack.length - 1];
        if (parent) parent.node.children.push(node);
        else c.confirmations.push(node);
        confStack.push({ depth: b.depth, node });
        // A blank inside a confirmation ("問い合わせ: _____ 件") is also a value to record.
        if (BLANK_CODE.test(b.text) || BLANK_BARE.test(b.text)) readLine(line);
        else addInline(line, false, true);
        continue;
      }
      if (st.pending?.kind && ['symptom', 'cause', 'remedy'].includes(st.pending.kind)) {
        appendLabelled(st.pending.kind as LabelKind, plain(b.text));
        continue;
      }
      readLine(line, b.extra.length === 0, true);
      for (const e of b.extra) readLine(e, false, true);
      continue;
    }
    if (b.t === 'fence') {
      readFence(b);
      continue;
    }
    if (b.t === 'table') {
      const table = fillTable(b, () => `${idPrefix}.f${++n.f}`);
      if (table) {
        c.tables.push(table.table);
        c.fields.push(...table.fields);
      }
    }
  }
  c.failure = c.failure.map(({ text, items, line }) => ({ text, items, line }));
  return out;
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
