// The runbook model: what tejun understands of a team's Markdown procedure. Every element keeps its
// source lines (1-based, in the file as written). The JSON of `tejun parse --json` is this shape;
// docs/runbook.schema.json is generated from it.
import { z } from 'zod';

const Line = z.number().int().min(1);

export const Severity = z.enum(['error', 'warning', 'info']);
export const Diagnostic = z.object({
  line: z.number().int().min(0),
  column: z.number().int().min(0),
  code: z.string(),
  severity: Severity,
  message: z.string(),
});
export type Diagnostic = z.output<typeof Diagnostic>;

/**
 * What a fenced block is for: run it, compare with it, write it somewhere, type it into a database, send it, or read
 * it.
 */
export const BlockRole = z.enum(['command', 'output', 'file', 'sql', 'message', 'other']);
export type BlockRole = z.output<typeof BlockRole>;
/** stated: the info string or a label says so; inferred: read from the content and the words around it. */
export const Confidence = z.enum(['stated', 'inferred']);
export type Confidence = z.output<typeof Confidence>;

export const CodeBlock = z.object({
  /** Stable while the block's text and heading path stay: what a role correction is keyed on. */
  id: z.string(),
  /** The opening fence. */
  line: Line,
  endLine: Line,
  lang: z.string(),
  role: BlockRole,
  confidence: Confidence,
  /** A few words on how the role was decided, for `tejun parse` and the step card. */
  why: z.string(),
  /** The step that carries it, if any. */
  stepId: z.string().nullable(),
});
export type CodeBlock = z.output<typeof CodeBlock>;

export const Command = z.object({
  id: z.string(),
  /** Exactly as written in the fence (console `$ ` prompts stripped), comment lines kept. */
  text: z.string(),
  lang: z.string(),
  line: Line,
  endLine: Line,
  /** Expected output written as a code block right after this command, if any. */
  expectedOutput: z.string().nullable(),
  confidence: Confidence,
  why: z.string(),
  /** The fenced block it comes from; null for an inline code span. */
  blockId: z.string().nullable(),
  inline: z.boolean(),
});
export type Command = z.output<typeof Command>;

export const Expected = z.object({
  text: z.string(),
  /** As written, with its backticks (the comparison reads the code spans). */
  raw: z.string().optional(),
  line: Line,
  block: z.boolean(),
  /** The output block it was read from, when it is one. */
  blockId: z.string().nullable().optional(),
});
export type Expected = z.output<typeof Expected>;

export const Field = z.object({
  id: z.string(),
  label: z.string(),
  line: Line,
  column: z.number().int().min(1),
  /** blank: `____` after a label; inline: a bare ____ in a sentence; cell: an empty cell of a table. */
  kind: z.enum(['blank', 'inline', 'cell']),
  /** Text after the blank, such as a unit (`_____ %`). */
  suffix: z.string(),
});
export type Field = z.output<typeof Field>;

export interface Confirmation {
  id: string;
  text: string;
  checked: boolean;
  line: number;
  children: Confirmation[];
}
export const Confirmation: z.ZodType<Confirmation> = z.lazy(() =>
  z.object({ id: z.string(), text: z.string(), checked: z.boolean(), line: Line, children: z.array(Confirmation) }),
);

export const Criterion = z.object({ level: z.enum(['ok', 'warn', 'error']), text: z.string(), line: Line });
export type Criterion = z.output<typeof Criterion>;

export const FailureInstruction = z.object({ text: z.string(), items: z.array(z.string()), line: Line });

export const MessageTemplate = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  line: Line,
  placeholders: z.array(z.string()),
});
export type MessageTemplate = z.output<typeof MessageTemplate>;

export const FillTable = z.object({
  line: Line,
  headers: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** Per row, per column: the field id of a cell the operator fills in (実測値, 判定, 完了…), else null. */
  fieldIds: z.array(z.array(z.string().nullable())),
});
export type FillTable = z.output<typeof FillTable>;

/** What a command must run against: the probe core runs for each kind is in core/terminal/targetProbe.ts. */
export const TARGET_KINDS = ['kube-context', 'aws-account', 'host', 'database'] as const;
export const TargetKind = z.enum(TARGET_KINDS);
export type TargetKind = z.output<typeof TargetKind>;
export const Target = z.object({
  kind: TargetKind,
  value: z.string(),
  /** Where it was written: the `**対象**:` / `**Target**:` line, or the front matter's first line. */
  line: Line,
});
export type Target = z.output<typeof Target>;

export const StepKind = z.enum(['before', 'change', 'after', 'plain']);
export type StepKind = z.output<typeof StepKind>;

export const Step = z.object({
  id: z.string(),
  title: z.string(),
  kind: StepKind,
  line: Line,
  endLine: Line,
  /** The heading above this step when it is not the phase itself (e.g. "1.2 現在の状態確認"). */
  group: z.string().nullable(),
  /** The estimate written on the group heading, shared by its steps. */
  groupEstimateMinutes: z.number().nullable(),
  purpose: z.string().nullable(),
  cautions: z.array(z.object({ text: z.string(), line: Line })),
  estimateMinutes: z.number().nullable(),
  timeoutMinutes: z.number().nullable(),
  commands: z.array(Command),
  expected: z.array(Expected),
  fields: z.array(Field),
  confirmations: z.array(Confirmation),
  criteria: z.array(Criterion),
  failure: z.array(FailureInstruction),
  templates: z.array(MessageTemplate),
  tables: z.array(FillTable),
  /** Every fenced block of the step, with its role. */
  blocks: z.array(CodeBlock),
  /** The target this step's commands must run against: its own line, else its phase's, else the document's. */
  targets: z.array(Target),
});
export type Step = z.output<typeof Step>;

export const Phase = z.object({
  id: z.string(),
  title: z.string(),
  /** The name without the "フェーズN:" prefix and the budget, e.g. 準備. */
  name: z.string(),
  budgetMinutes: z.number().nullable(),
  line: Line,
  endLine: Line,
  checkpoint: z.string().nullable(),
  steps: z.array(Step),
});
export type Phase = z.output<typeof Phase>;

export const Rollback = z.object({
  line: Line,
  /** The whole document is a rollback / downgrade / failback procedure (its phases are the rollback). */
  whole: z.boolean(),
  criteria: z.array(z.object({ text: z.string(), line: Line })),
  timeLimitMinutes: z.number().nullable(),
  timeLimitText: z.string().nullable(),
  phases: z.array(Phase),
});
export type Rollback = z.output<typeof Rollback>;

export const Troubleshooting = z.object({
  title: z.string(),
  line: Line,
  symptom: z.string(),
  cause: z.string(),
  remedy: z.string(),
  commands: z.array(Command),
});
export type Troubleshooting = z.output<typeof Troubleshooting>;

export const Contact = z.object({ role: z.string(), name: z.string(), phone: z.string(), line: Line });
export type Contact = z.output<typeof Contact>;

/** One level of the escalation chain: whom to call, and within how many minutes of the incident. */
export const EscalationLevel = z.object({ role: z.string(), withinMinutes: z.number().nullable(), line: Line });
export type EscalationLevel = z.output<typeof EscalationLevel>;

export const Occurrence = z.object({ line: Line, column: z.number().int().min(1), text: z.string() });
export const Variable = z.object({
  name: z.string(),
  /** placeholder: written in the text (`<DB_HOST>`, `vX.X.X`); env: a shell variable read but never set. */
  source: z.enum(['placeholder', 'env', 'declared']),
  description: z.string().nullable(),
  default: z.string().nullable(),
  secret: z.boolean(),
  /** Declared in the YAML front matter (with a description or default). */
  declared: z.boolean(),
  occurrences: z.array(Occurrence),
});
export type Variable = z.output<typeof Variable>;

export const Checklist = z.object({ title: z.string(), line: Line, items: z.array(Confirmation) });

export const Metadata = z.object({
  version: z.string().nullable(),
  window: z.string().nullable(),
  operator: z.string().nullable(),
  approver: z.string().nullable(),
  category: z.string().nullable(),
  /** Every key/value found in the info table, metadata block or front matter, as written. */
  fields: z.record(z.string(), z.string()),
});
export type Metadata = z.output<typeof Metadata>;

export const Runbook = z.object({
  title: z.string(),
  language: z.enum(['ja', 'en']),
  /** procedure: phases with steps; checklist: sections of confirmations; reference: nothing to run. */
  kind: z.enum(['procedure', 'checklist', 'reference']),
  metadata: Metadata,
  variables: z.array(Variable),
  prerequisites: Step.nullable(),
  phases: z.array(Phase),
  completion: Phase.nullable(),
  rollback: Rollback.nullable(),
  troubleshooting: z.array(Troubleshooting),
  contacts: z.array(Contact),
  escalation: z.array(EscalationLevel),
  checklists: z.array(Checklist),
  templates: z.array(MessageTemplate),
  diagrams: z.array(z.object({ kind: z.string(), text: z.string(), line: Line })),
  /** Every fenced block of the document in order, with its role (also those outside any step). */
  blocks: z.array(CodeBlock),
  /** The document's own target (front matter `target:`), which every step inherits. */
  targets: z.array(Target),
  diagnostics: z.array(Diagnostic),
});
export type Runbook = z.output<typeof Runbook>;

/** Every step a session can walk: prerequisites, phases, completion report, rollback. */
export function allSteps(r: Runbook): Step[] {
  return [
    ...(r.prerequisites ? [r.prerequisites] : []),
    ...r.phases.flatMap((p) => p.steps),
    ...(r.completion?.steps ?? []),
    ...(r.rollback?.phases.flatMap((p) => p.steps) ?? []),
  ];
}
