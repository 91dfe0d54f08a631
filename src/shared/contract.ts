// The one API contract between the renderer and core. Every request and event is declared here once;
// the types, the preload allow-list, the IPC handlers and the WebSocket handlers are all derived from it.
import { z } from 'zod';
import { MAX_RUNBOOK_BYTES, RunbookDoc } from './runbook';
import { UPLOAD_CHUNK_BASE64 } from './upload';
import { Settings, SettingsPatch } from './settings';
import { Command } from './session/events';
import type { SessionState } from './session/state';
import type { Baselines } from './timeline/percentile';
import { PersonSignature, REMOTE_ROLES, Signed, type Caller } from './review';
import { SESSION_ID } from './ids';
import { INTEGRATION_STATES } from './integration';

/** A session as listed: enough to choose one to resume or browse. */
export interface SessionSummary {
  sessionId: string;
  title: string;
  createdAt: string;
  lifecycle: SessionState['lifecycle'] | 'unreadable';
  outcome: SessionState['outcome'];
  rehearsal: boolean;
  problems: string[];
}
/** Something that happened but could not be written to the journal (the disk failed): kept by the host. */
export interface JournalLoss {
  /** The event's type (command-run, timer-fired, …). */
  event: string;
  /** When core tried to record it (ISO). */
  at: string;
  /** The failure, as the system reported it. */
  reason: string;
}
/** An open session: the runbook as it was at the start, the state folded from its journal. */
export interface SessionView {
  sessionId: string;
  doc: z.output<typeof RunbookDoc>;
  state: SessionState;
  readOnly: boolean;
  problems: string[];
  /** Events lost to a failed journal append, oldest first; empty while the journal is healthy. */
  lost: JournalLoss[];
  /** p50/p90 per step from past runs of the same runbook on this machine. */
  baselines?: Baselines;
}
// Results are produced by core, never parsed from the renderer, so their schemas only carry the type.
const SessionViewResult = z.custom<SessionView>();
const SessionStateResult = z.custom<SessionState>();
const SessionId = z.string().regex(SESSION_ID, 'a session id');
const StepRef = z.string().min(1).max(200);
const IntegrationState = z.enum(INTEGRATION_STATES);

const TerminalId = z.string().regex(/^t[0-9]{1,6}$/, 'a terminal id such as "t1"');
const Cols = z.number().int().min(2).max(1000);
const Rows = z.number().int().min(1).max(500);
const Empty = z.object({}).strict();

export const AppInfo = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'web']),
  /** The desktop app can show the native file dialog; the browser uses a file input instead. */
  canPickFile: z.boolean(),
  platform: z.string(),
  dataDir: z.string(),
  /** How signing keys are protected at rest: the OS keychain (desktop) or a passphrase the person types. */
  keyProtection: z.enum(['os', 'passphrase']),
  /** Started as `tejun rehearse`: offer the rehearsal at this speed first. */
  rehearsal: z.object({ speed: z.number() }).nullable(),
});
export type AppInfo = z.output<typeof AppInfo>;

const RehearsalInfo = z.object({
  flags: z.record(
    z.string(),
    z.array(
      z.object({
        kind: z.enum([
          'absolute-path',
          'remote',
          'sets-path',
          'env-i',
          'raw-socket',
          'indirect',
          'interpreter',
          'writes-outside',
        ]),
        what: z.string(),
      }),
    ),
  ),
  tools: z.array(z.string()),
  faults: z.array(
    z.object({ stepId: z.string(), commandId: z.string().nullable(), symptom: z.string(), exitCode: z.number() }),
  ),
});
export type RehearsalInfo = z.output<typeof RehearsalInfo>;
/** What a session exports to: the filled-in procedure (md, html, pdf), the evidence bundle, a rehearsal's report. */
export const EXPORT_FORMATS = ['md', 'html', 'pdf', 'bundle', 'report'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const Person = z.string().trim().min(1, 'a name is required').max(200);
/** Empty in the desktop app, where the OS keychain protects the key. */
const Passphrase = z.string().max(1024).default('');
/** A file sent beforehand by upload:begin/chunk/end: bundles can be far larger than one frame. */
const UploadId = z.string().regex(/^[0-9a-f]{32}$/, 'an upload id from upload:begin');
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');
const FileResult = z.object({ name: z.string(), mime: z.string(), base64: z.string() });
/** OK, BROKEN (altered), UNTRUSTED (a key not on the trust list), MISSING (a required signature absent). */
export const VerdictWord = z.enum(['OK', 'BROKEN', 'UNTRUSTED', 'MISSING']);
export const Verification = z.object({
  ok: z.boolean(),
  verdict: VerdictWord,
  problem: z.string().nullable(),
  lines: z.array(z.string()),
});
export type Verification = z.output<typeof Verification>;

const RemoteRole = z.enum(REMOTE_ROLES);
/** Where the invite listener is: what the operator reads aloud, and who is in. */
export interface InviteStatus {
  listening: { address: string; port: number; code: string; sha256: string } | null;
  invites: { id: string; name: string; role: string; used: boolean }[];
  people: { personId: string; name: string; role: string; from: string; fingerprint: string; online: boolean }[];
}
/** What a joiner learns before joining: enough to read the code aloud and know what they join. */
export interface InviteHello {
  name: string;
  role: (typeof REMOTE_ROLES)[number];
  code: string;
  title: string;
  operator: string;
}

/** Requests: renderer → core, each answered once. Names are "domain:verb". */
export const requests = {
  /** What this host is and what it can do. */
  'app:info': { params: Empty, result: AppInfo },
  'settings:get': { params: Empty, result: Settings },
  /** Merge a partial change into the settings and return all of them. */
  'settings:update': { params: SettingsPatch, result: Settings },
  /** The runbook the host was started with (`--runbook`), or null. */
  'runbook:current': { params: Empty, result: RunbookDoc.nullable() },
  /** Open a runbook from a path on this machine (recent list, `--runbook`). */
  'runbook:openPath': { params: z.object({ path: z.string().min(1).max(4096) }).strict(), result: RunbookDoc },
  /** Open a runbook whose bytes the browser read (file picker, drag and drop), base64 so no byte is lost. */
  'runbook:openBytes': {
    params: z
      .object({
        name: z.string().min(1).max(255),
        base64: z.string().max(Math.ceil((MAX_RUNBOOK_BYTES * 4) / 3) + 8),
      })
      .strict(),
    result: RunbookDoc,
  },
  /** Show the native file dialog (desktop only); null when the operator cancels. */
  'runbook:pick': { params: Empty, result: RunbookDoc.nullable() },
  /** Start the operator's shell in a real pty owned by core. */
  'terminal:create': {
    params: z
      .object({
        cols: Cols,
        rows: Rows,
        sessionId: SessionId.optional(),
        name: z.string().max(60).optional(),
        reattach: z.boolean().optional(),
      })
      .strict(),
    /** With reattach, a shell of the session that no window holds (after a reload) is taken over: replay first. */
    result: z.object({
      id: TerminalId,
      shell: z.string(),
      pid: z.number().int(),
      name: z.string(),
      integration: IntegrationState,
      replay: z.string().optional(),
    }),
  },
  /** The view closed (the runbook or session was closed): the session's shell runs on, waiting for a window. */
  'terminal:detach': { params: z.object({ id: TerminalId }).strict(), result: z.null() },
  /** Shells of any session that no window came back to within the grace period, with what runs in them. */
  'terminal:waiting': {
    params: Empty,
    result: z.array(
      z.object({
        id: TerminalId,
        name: z.string(),
        sessionId: z.string(),
        title: z.string(),
        detachedAt: z.number(),
        /** The foreground process (`sleep`, `pg_restore`), or the shell when it waits at its prompt. */
        process: z.string(),
        shell: z.string(),
        /** The step whose command was running in it, if one was. */
        step: z.string().nullable(),
      }),
    ),
  },
  /** End a waiting shell from the start screen (an explicit close). */
  'terminal:end': { params: z.object({ id: TerminalId }).strict(), result: z.null() },
  /** This window takes the keyboard of a terminal another window of the session holds; that one is told. */
  'terminal:takeover': { params: z.object({ id: TerminalId }).strict(), result: z.null() },
  /**
   * The renderer parsed this many more bytes of output, and had output waiting to be parsed for `ms` of the
   * time since it last said so (flow control: core sizes the terminal's window from the two).
   */
  'terminal:ack': {
    params: z
      .object({
        id: TerminalId,
        chars: z.number().int().min(0).max(100_000_000),
        ms: z.number().min(0).max(3_600_000).optional(),
      })
      .strict(),
    result: z.null(),
  },
  'terminal:input': { params: z.object({ id: TerminalId, data: z.string().max(65536) }).strict(), result: z.null() },
  'terminal:resize': { params: z.object({ id: TerminalId, cols: Cols, rows: Rows }).strict(), result: z.null() },
  'terminal:close': { params: z.object({ id: TerminalId }).strict(), result: z.null() },
  /** Sessions in the data folder, newest first. */
  'session:list': { params: Empty, result: z.custom<SessionSummary[]>() },
  /** Start a session on a runbook this host has opened (named by its SHA-256). */
  'session:create': {
    params: z
      .object({
        runbookSha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex'),
        rehearsal: z.boolean().default(false),
        speed: z.number().min(1).max(3600).default(1),
      })
      .strict(),
    result: SessionViewResult,
  },
  /** Open (resume or browse) a session: its journal is verified and replayed. */
  'session:open': { params: z.object({ sessionId: SessionId }).strict(), result: SessionViewResult },
  /** A step's command with the session's variables filled in (for Copy). Unresolved placeholders are named. */
  'step:render': {
    params: z.object({ sessionId: SessionId, stepId: StepRef, commandId: StepRef }).strict(),
    result: z.object({ text: z.string(), unresolved: z.array(z.string()) }),
  },
  /** Paste a step's command into a terminal, or run it (paste and Enter). The renderer names it; core renders it. */
  'step:run': {
    params: z
      .object({
        sessionId: SessionId,
        stepId: StepRef,
        commandId: StepRef,
        terminalId: TerminalId,
        mode: z.enum(['paste', 'run']),
        confirmed: z.boolean().default(false),
      })
      .strict(),
    result: z.object({ text: z.string(), mode: z.enum(['paste', 'run', 'marked']) }),
  },
  /** What differed on the night, as a unified diff of the runbook (empty when nothing did); redline.ts. */
  'session:redline': {
    params: z.object({ sessionId: SessionId }).strict(),
    result: z.custom<{ name: string; patch: string; steps: number }>(),
  },
  /** The filled-in procedure or the evidence bundle of a session, as a file to save. */
  'evidence:export': {
    params: z.object({ sessionId: SessionId, format: z.enum(EXPORT_FORMATS) }).strict(),
    result: FileResult,
  },
  /**
   * The operator signs the completed session: journaled sign-off, then the signed bundle kept in the session folder.
   */
  'evidence:signOff': {
    params: z.object({ sessionId: SessionId, name: Person, passphrase: Passphrase }).strict(),
    result: z.object({ fingerprint: z.string(), file: FileResult }),
  },
  /** The approver counter-signs a bundle: the session's own, or one brought from another workstation. */
  'evidence:countersign': {
    params: z
      .object({ sessionId: SessionId.optional(), upload: UploadId.optional(), name: Person, passphrase: Passphrase })
      .strict(),
    result: z.object({ fingerprint: z.string(), file: FileResult, verification: Verification }),
  },
  /** A note after sign-off: a new journal entry, signed with the writer's key. */
  'evidence:note': {
    params: z
      .object({
        sessionId: SessionId,
        text: z.string().trim().min(1).max(10_000),
        name: Person,
        passphrase: Passphrase,
      })
      .strict(),
    result: SessionStateResult,
  },
  /** Check a bundle exactly as `tejun verify` does, against the data folder's trust list. */
  'evidence:verify': { params: z.object({ upload: UploadId }).strict(), result: Verification },
  /** Send a file bigger than one frame: its size and SHA-256 first (refused over the limit, naming it)… */
  'upload:begin': {
    params: z.object({ size: z.number().int().min(1), sha256: Sha256Hex }).strict(),
    result: z.object({ uploadId: UploadId }),
  },
  /** …then its bytes in order, each chunk at most UPLOAD_CHUNK_BYTES… */
  'upload:chunk': {
    params: z
      .object({ uploadId: UploadId, offset: z.number().int().min(0), base64: z.string().max(UPLOAD_CHUNK_BASE64) })
      .strict(),
    result: z.object({ received: z.number().int() }),
  },
  /** …then the end, where size and digest are checked. The upload lives until the client sends another or goes. */
  'upload:end': {
    params: z.object({ uploadId: UploadId }).strict(),
    result: z.object({ size: z.number().int(), sha256: z.string() }),
  },
  /** A rehearsal's sandbox: what would bypass the shims (per command id), the tools shimmed, the faults set. */
  'rehearsal:info': { params: z.object({ sessionId: SessionId }).strict(), result: RehearsalInfo },
  /** A trainer marks a step (or one of its commands) to fail with a symptom and an exit code, or takes it back. */
  'rehearsal:fault': {
    params: z
      .object({
        sessionId: SessionId,
        stepId: StepRef,
        command: z.number().int().min(1).max(100).optional(),
        symptom: z.string().trim().min(1).max(4000),
        exitCode: z.number().int().min(1).max(255).default(1),
        remove: z.boolean().default(false),
      })
      .strict(),
    result: RehearsalInfo,
  },
  /** Start the invite listener (TLS, its own certificate) on an address the operator chooses. */
  'invite:open': {
    params: z
      .object({
        address: z.union([z.ipv4(), z.ipv6()]).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(0),
      })
      .strict(),
    result: z.custom<InviteStatus>(),
  },
  /** A one-time link for one person in one role (the listener must be open). */
  'invite:create': {
    params: z.object({ sessionId: SessionId, name: Person, role: RemoteRole }).strict(),
    result: z.object({ url: z.string(), code: z.string(), id: z.string() }),
  },
  'invite:list': { params: Empty, result: z.custom<InviteStatus>() },
  /** Cut someone off at once (their sockets close), or withdraw an unused invite. */
  'invite:revoke': { params: z.object({ id: z.string().regex(/^[0-9a-f]{12}$/) }).strict(), result: z.null() },
  /** Stop the listener: everyone who joined is cut off. */
  'invite:close': { params: Empty, result: z.null() },
  /** The joiner, before joining: who they are invited as, and the certificate's code to read aloud. */
  'review:hello': { params: Empty, result: z.custom<InviteHello>() },
  /** Join after the code matched: the browser's public key (SPKI, base64) is registered; the invite is used up. */
  'review:join': {
    params: z.object({ publicKey: z.string().max(200) }).strict(),
    result: z.object({ credential: z.string(), fingerprint: z.string(), personId: z.string() }),
  },
  /** The session the joiner was invited to, live from now on (state events, the terminals' output). */
  'review:view': {
    params: Empty,
    result: z.custom<{ view: SessionView; me: { name: string; role: string; fingerprint: string } }>(),
  },
  /** The session's terminals: their latest output, for the read-only mirror. */
  'review:terminals': {
    params: Empty,
    result: z.array(z.object({ id: TerminalId, name: z.string(), replay: z.string() })),
  },
  /** Confirm, hold (with a reason) or sign off: signed by the person's own key, checked before it is journaled. */
  'review:decide': {
    params: z.object({ signed: Signed, signature: PersonSignature.shape.value }).strict(),
    result: SessionStateResult,
  },
  /** A note from a checker or an approver, under their name. */
  'review:note': { params: z.object({ text: z.string().trim().min(1).max(10_000) }).strict(), result: z.null() },
  /** Record a fact of the night. Answered only after it is fsynced in the journal. */
  'session:command': {
    params: z.object({ sessionId: SessionId, command: Command }).strict(),
    result: SessionStateResult,
  },
} as const;

/** Events: core → renderer pushes. */
export const events = {
  /** A menu item or accelerator the desktop shell owns asks the renderer to act. */
  'app:command': z.object({ command: z.enum(['open-runbook', 'zoom-in', 'zoom-out', 'zoom-reset']) }),
  'terminal:data': z.object({ id: TerminalId, data: z.string() }),
  'terminal:exit': z.object({ id: TerminalId, exitCode: z.number().int(), signal: z.number().int().nullable() }),
  /** Who types in a terminal two windows show: false when another window of the session took the keyboard. */
  'terminal:typing': z.object({ id: TerminalId, typing: z.boolean() }),
  /** The terminal's shell integration changed (active, inside ssh/tmux, unavailable). */
  'terminal:status': z.object({ id: TerminalId, integration: IntegrationState, detail: z.string() }),
  /** A session's state after an event was recorded (by this client, another one, or a timer). */
  'session:state': z.object({
    sessionId: z.string(),
    state: z.custom<SessionState>(),
    /** Events lost to a failed journal append (see SessionView.lost). */
    lost: z.custom<JournalLoss[]>().optional(),
  }),
} as const;

export type Channel = keyof typeof requests;
/** Who may call each request: declared for every one (contractRoles.ts; a test holds the forbidden list). */
export type RoleTable = { readonly [C in Channel]: readonly Caller[] };
export type EventName = keyof typeof events;
export type Params<C extends Channel> = z.input<(typeof requests)[C]['params']>;
export type ParsedParams<C extends Channel> = z.output<(typeof requests)[C]['params']>;
export type Result<C extends Channel> = z.output<(typeof requests)[C]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNELS = Object.keys(requests) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannel(x: unknown): x is Channel {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(requests, x);
}
export function isEventName(x: unknown): x is EventName {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(events, x);
}

/** What the renderer holds: it cannot tell whether IPC or a WebSocket is behind it. */
export interface Api {
  invoke<C extends Channel>(channel: C, params: Params<C>): Promise<Result<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What a host implements: one handler per channel, given already-validated params. */
export type Handlers<Ctx> = {
  [C in Channel]: (params: ParsedParams<C>, ctx: Ctx) => Promise<Result<C>> | Result<C>;
};

/** How a host pushes an event to one client. */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
