// Session events: every fact of a release night, as it is appended to the journal.
// Commands are what the operator may ask for (validated at the boundary); system events are core's own.
import { z } from 'zod';
import { BlockRole, TARGET_KINDS } from '../model';
import { ReviewCommands, ReviewSystemEvents } from '../review';

const Id = z.string().min(1).max(200);
/** An Ed25519 signature carried by a journal entry (sign-off, a note after sign-off): over the entry's
 *  own words and `after`, the hash of the entry before it. */
export const EntrySignature = z
  .object({
    publicKey: z.string().max(2000),
    fingerprint: z.string().max(100),
    after: z.string().regex(/^[0-9a-f]{64}$/),
    value: z.string().max(200),
  })
  .strict();
export type EntrySignature = z.output<typeof EntrySignature>;

const Reason = z.string().trim().min(1, 'a reason is required').max(2000);
const Person = z.string().trim().min(1, 'a name is required').max(200);
const NoteText = z.string().trim().min(1).max(10_000);

export const OUTCOMES = ['success', 'success-with-issues', 'rolled-back', 'aborted'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const Command = z.discriminatedUnion('type', [
  z.object({ type: z.literal('variables-set'), values: z.record(z.string().max(100), z.string().max(4000)) }),
  z.object({ type: z.literal('preflight-start') }),
  z.object({
    type: z.literal('go-decision'),
    decision: z.enum(['go', 'no-go']),
    by: Person,
    reason: z.string().max(2000).default(''),
  }),
  z.object({ type: z.literal('step-start'), stepId: Id, override: Reason.optional() }),
  z.object({ type: z.literal('step-complete'), stepId: Id }),
  z.object({ type: z.literal('step-skip'), stepId: Id, reason: Reason }),
  z.object({ type: z.literal('step-fail'), stepId: Id, reason: Reason }),
  z.object({ type: z.literal('field-set'), fieldId: Id, value: z.string().max(20_000) }),
  z.object({ type: z.literal('confirmation-set'), confirmationId: Id, checked: z.boolean() }),
  z.object({ type: z.literal('gate'), healthy: z.boolean(), by: Person }),
  z.object({
    type: z.literal('decision'),
    choice: z.enum(['continue', 'hotfix', 'rollback']),
    reason: Reason,
    by: Person,
    trigger: z.string().max(500).default('operator'),
  }),
  z.object({ type: z.literal('rollback-declare'), reason: Reason, by: Person }),
  z.object({ type: z.literal('hotfix-result'), fixed: z.boolean(), by: Person }),
  z.object({
    type: z.literal('complete'),
    outcome: z.enum(OUTCOMES),
    by: Person,
    note: z.string().max(4000).default(''),
  }),
  // No sign-off here: a sign-off is only ever made by core, signed with a key it has just unlocked
  // (evidence:signOff). A note from the page carries no signature; a signed note is core's (below).
  z.object({ type: z.literal('note'), text: NoteText, by: z.string().max(200).default('') }).strict(),
  /** A one-click verdict on a step's judgement criteria (✅ 正常 / ⚠️ 警告 / ❌ 異常). */
  /** The operator runs a step although its terminal's target is not the runbook's, and says why. */
  z.object({
    type: z.literal('target-override'),
    stepId: Id,
    kind: z.enum(TARGET_KINDS),
    expected: z.string().max(200),
    actual: z.string().max(400),
    reason: Reason,
    by: Person,
  }),
  z.object({
    type: z.literal('verdict'),
    stepId: Id,
    level: z.enum(['ok', 'warn', 'error']),
    criterion: z.string().max(2000),
    by: z.string().max(200).default(''),
  }),
  /** The operator says what a fenced block is (its role was read wrong): the runbook is re-read with it,
   *  the file unchanged. */
  z
    .object({ type: z.literal('block-role'), blockId: Id, role: BlockRole, by: z.string().max(200).default('') })
    .strict(),
  // Four eyes (shared/review.ts).
  ...ReviewCommands,
]);
export type Command = z.output<typeof Command>;
export type CommandInput = z.input<typeof Command>;

export const TranscriptPointer = z.object({ file: z.string(), fromLine: z.number(), toLine: z.number() });
export const Comparison = z.object({
  result: z.enum(['match', 'mismatch', 'not-comparable']),
  how: z.string(),
  detail: z.string(),
});
export type Comparison = z.output<typeof Comparison>;

export const TIMER_KINDS = [
  'step-overrun',
  'step-timeout',
  'phase-overrun',
  'window-end',
  'deadline-30',
  'deadline-10',
  'deadline',
  'no-return-15',
  'no-return-5',
  'no-return',
  'hotfix-expired',
  'progress-report',
  'monitoring-checkpoint',
] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

export const SystemEvent = z.discriminatedUnion('type', [
  /** A sign-off: signed over the entry it follows, made by core after unlocking the signer's key. */
  z.object({
    type: z.literal('sign-off'),
    by: Person,
    role: z.enum(['operator', 'approver']),
    fingerprint: z.string().max(100),
    signature: EntrySignature,
  }),
  /** A note after sign-off: core signs it with the writer's key, like the sign-off. */
  z.object({ type: z.literal('signed-note'), text: NoteText, by: Person, signature: EntrySignature }),
  /** A rehearsal shim answered a call (the tool, its arguments, which step command was running, how). */
  z.object({
    type: z.literal('shim-call'),
    tool: z.string().max(200),
    args: z.array(z.string().max(4000)).max(200),
    stepId: z.string().nullable(),
    commandId: z.string().nullable(),
    result: z.enum(['expected', 'simulated', 'fault', 'wrapper', 'interactive', 'absent']),
    exit: z.number().int(),
  }),
  /**
   * What isolated a rehearsal's shells (an OS sandbox, or the shims alone), and whether blocked attempts are observed.
   */
  z.object({
    type: z.literal('rehearsal-isolation'),
    kind: z.enum(['bwrap', 'unshare', 'sandbox-exec', 'shims-only']),
    observer: z.enum(['strace']).nullable(),
    readOnlyFs: z.boolean(),
    note: z.string().max(2000),
  }),
  /** An attempt the rehearsal's sandbox refused (a connection, a write outside the rehearsal folder). */
  z.object({
    type: z.literal('sandbox-blocked'),
    stepId: z.string().nullable(),
    commandId: z.string().nullable(),
    kind: z.enum(['network', 'write']),
    /** The address or the path, as the sandbox saw it. */
    target: z.string().max(2000),
    /** The failed call and its error (connect ENETUNREACH, openat EROFS). */
    call: z.string().max(200),
  }),
  z.object({
    type: z.literal('session-created'),
    sessionId: z.string(),
    runbookName: z.string(),
    runbookSha256: z.string(),
    title: z.string(),
    rehearsal: z.boolean(),
    /** Rehearsal clocks may run faster: session time = start + (wall time since start) × speed. */
    speed: z.number().min(1).max(3600),
    operator: z.string(),
  }),
  /**
   * `ref` names what the timer is about (a step or phase id, a checkpoint's minutes), so the UI can say it in its own
   * language.
   */
  z.object({
    type: z.literal('timer-fired'),
    key: z.string(),
    kind: z.enum(TIMER_KINDS),
    label: z.string(),
    dueAt: z.number(),
    ref: z.string().optional(),
  }),
  /** A runbook command run from its step: rendered text, times, exit code, captured output, the verdict. */
  z.object({
    type: z.literal('command-run'),
    stepId: z.string(),
    commandId: z.string(),
    terminal: z.string(),
    text: z.string(),
    startedAt: z.number(),
    endedAt: z.number(),
    exitCode: z.number().nullable(),
    output: z.string(),
    outputChars: z.number(),
    truncated: z.boolean(),
    transcript: TranscriptPointer.nullable(),
    comparison: Comparison,
  }),
  /** Before a step's command, core asked the terminal where it points (a fixed probe per kind) and compared. */
  z.object({
    type: z.literal('target-probed'),
    stepId: z.string(),
    terminal: z.string(),
    kind: z.enum(TARGET_KINDS),
    /** The probe's fixed command text, as it was typed into the terminal. */
    command: z.string(),
    expected: z.string(),
    actual: z.string(),
    exitCode: z.number().nullable(),
    ok: z.boolean(),
  }),
  /** A command the operator typed in a session's terminal, not from a step. */
  z.object({
    type: z.literal('shell-command'),
    terminal: z.string(),
    commandLine: z.string(),
    startedAt: z.number(),
    endedAt: z.number(),
    exitCode: z.number().nullable(),
    output: z.string(),
    truncated: z.boolean(),
    transcript: TranscriptPointer.nullable(),
  }),
  // A remote checker's or approver's decisions, who joined and left, what was refused (shared/review.ts).
  ...ReviewSystemEvents,
]);
export type SystemEvent = z.output<typeof SystemEvent>;
/** The entries core signs: made from the hash of the entry they follow. */
export type SignedEvent = Extract<SystemEvent, { type: 'sign-off' | 'signed-note' }>;

export type SessionEvent = Command | SystemEvent;

/** One line of journal.jsonl. */
export interface JournalEntry {
  seq: number;
  /** Wall-clock time of the append, ISO 8601. */
  time: string;
  event: SessionEvent;
  /** SHA-256 (hex) of the previous line's bytes; 64 zeros for the first. */
  prev: string;
}
