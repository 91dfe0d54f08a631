// Sessions on disk: one folder each under <data>/sessions, holding the runbook exactly as it was at
// the start, its hash, and the journal. An open session's state is the fold of its journal; a command
// is validated against that state, appended (fsynced), and only then acknowledged.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TejunError } from '../../shared/errors';
import type { JournalLoss, SessionSummary, SessionView } from '../../shared/contract';
import type { RunbookDoc } from '../../shared/runbook';
import type { BlockRole } from '../../shared/model';
import type { Command, SessionEvent, SignedEvent, SystemEvent } from '../../shared/session/events';
import { sessionNow, type SessionState } from '../../shared/session/state';

export type { SessionSummary, SessionView };
import { dueTimers } from '../../shared/session/timers';
import { silentLog, type Log } from '../log';
import { describeRunbook } from '../runbook/load';
import { readRegularFile, RUNBOOK_READ } from '../files';
import { JournalWriter, fsyncDir, readJournal, sha256, writeDurable, type JournalProblem } from './journal';
import type { JournalEntry } from '../../shared/session/events';
import { apply, indexSteps, replay, type StepIndex } from './machine';
import { SessionSecrets } from './secrets';
import { readCorrections, saveCorrections } from './corrections';
import { runbookBaselines } from '../evidence/baseline';
import type { Baselines } from '../../shared/timeline/layout';
import { PRIVATE_DIR, PRIVATE_FILE, tightenTree } from './permissions';
import { isSessionId } from '../../shared/ids';
import { isUnderWay } from '../../shared/session/lifecycle';

const RUNBOOK_FILE = 'runbook.md';
/** Events lost after a failed append are all logged; the session shows the first ones (enough to act on). */
const LOST_SHOWN = 100;

function newSessionId(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}-${randomBytes(3).toString('hex')}`;
}

export class OpenSession {
  private listeners = new Set<(s: OpenSession) => void>();
  private timer: NodeJS.Timeout | null = null;
  /** The append that failed: from then on nothing can be recorded, and each event tried is a loss. */
  private failure: Error | null = null;
  private readonly losses: JournalLoss[] = [];

  constructor(
    readonly id: string,
    readonly dir: string,
    public doc: RunbookDoc,
    private idx: StepIndex,
    public state: SessionState,
    private readonly writer: JournalWriter | null,
    readonly problems: JournalProblem[],
    private readonly clock: () => number,
    private readonly log: Log = silentLog(),
  ) {
    this.secrets = new SessionSecrets(dir, doc.model);
  }

  get readOnly(): boolean {
    return this.writer === null || this.failure !== null;
  }

  /** What happened but is not in the journal, because an append failed. Kept by the host, not the journal. */
  get lost(): JournalLoss[] {
    return [...this.losses];
  }

  view(): SessionView {
    const problems = this.problems.map((p) => p.message);
    return {
      sessionId: this.id,
      doc: this.doc,
      state: this.state,
      readOnly: this.readOnly,
      problems,
      lost: this.lost,
      baselines: this.baselines,
    };
  }

  onChange(fn: (s: OpenSession) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Secret variable values (kept beside the journal, never in it) and the redactor built from them. */
  readonly secrets: SessionSecrets;

  /** The runbook's bytes as stored with the session: a role correction re-reads them (the file never changes). */
  source: { bytes: Uint8Array; name: string; path?: string } | null = null;
  /** Keeps the corrections for the next session of the same runbook (set by the store). */
  rememberRoles: ((roles: Record<string, BlockRole>) => Promise<void>) | null = null;

  /** p50/p90 per step from past runs of this runbook (evidence/baseline.ts): the overrun timer uses the p90. */
  baselines: Baselines = {};

  /** Validate against the current state, append durably, then acknowledge with the new state. */
  async submit(input: Command | SystemEvent): Promise<SessionState> {
    this.refuseAfterFailure(input);
    if (!this.writer)
      throw new TejunError(
        'SESSION_READ_ONLY',
        `Session ${this.id} is read-only: ${this.problems[0]?.message ?? 'it is finished or damaged.'}`,
      );
    // What reaches the journal has its secrets taken out; the journal leaves the machine as evidence.
    const event = await this.secrets.scrub(input);
    // One instant for both the state computed now and the entry's time, so a replay gives the same state.
    const at = this.writer.now();
    const r = apply(this.state, event as SessionEvent, at, this.idx);
    if (!r.ok) throw new TejunError('SESSION_REJECTED', r.reason, { worded: r.worded });
    // The state moves on now, so the next command is checked against it; the caller hears back after fsync.
    const entry = this.writer.append(event as SessionEvent, at);
    this.state = { ...r.state, lastSeq: this.state.lastSeq + 1 };
    if (event.type === 'block-role') this.reread();
    await this.durable(entry, event as SessionEvent);
    if (event.type === 'block-role') await this.remember();
    for (const l of this.listeners) l(this);
    return this.state;
  }

  /** A correction not kept for next time is only a lost convenience: it is logged, the session goes on. */
  private async remember(): Promise<void> {
    try {
      await this.rememberRoles?.(this.state.roles);
    } catch (err) {
      this.log.warn({ err, sessionId: this.id }, 'the block roles corrected could not be kept for the next session');
    }
  }

  /** Read the runbook again with the corrected roles, so its steps, commands and expected output follow them. */
  private reread(): void {
    if (!this.source) return;
    const { bytes, name, path } = this.source;
    this.doc = describeRunbook(bytes, name, path, this.state.roles);
    this.idx = indexSteps(this.doc.model);
  }

  /**
   * Append an event made from the hash it will follow (a signed sign-off or note signs that hash).
   * Nothing is awaited between reading the head and appending, so no other entry can come between.
   * The caller passes text already redacted: a signature must cover exactly what is journaled.
   */
  async submitChained(make: (after: string) => SignedEvent): Promise<SessionState> {
    this.refuseAfterFailure({ type: 'signed entry' });
    if (!this.writer)
      throw new TejunError(
        'SESSION_READ_ONLY',
        `Session ${this.id} is read-only: ${this.problems[0]?.message ?? 'it is finished or damaged.'}`,
      );
    const at = this.writer.now();
    const event: SessionEvent = make(this.writer.head);
    const r = apply(this.state, event, at, this.idx);
    if (!r.ok) throw new TejunError('SESSION_REJECTED', r.reason, { worded: r.worded });
    const entry = this.writer.append(event, at);
    this.state = { ...r.state, lastSeq: this.state.lastSeq + 1 };
    await this.durable(entry, event);
    for (const l of this.listeners) l(this);
    return this.state;
  }

  /**
   * Record an event core noticed on its own (a finished command, a shim call, a timer). Nobody waits for
   * the answer, so it never throws: a failed append is on the session and in the log (see durable), and a
   * refusal is logged, so nothing core tried to record disappears without a trace.
   */
  async record(input: Command | SystemEvent): Promise<void> {
    try {
      await this.submit(input);
    } catch (err) {
      if (this.failure) return;
      this.log.warn({ err, sessionId: this.id, event: input.type }, 'an event core noticed was refused by the session');
    }
  }

  /** Wait for the append; a failure ends recording for this session and is made visible, then rethrown. */
  private async durable(entry: Promise<JournalEntry>, event: SessionEvent): Promise<void> {
    try {
      await entry;
    } catch (err) {
      this.failure ??= err instanceof Error ? err : new Error(String(err));
      this.lose(event.type, err);
      throw err;
    }
  }

  private refuseAfterFailure(input: { type: string }): void {
    if (!this.failure) return;
    this.lose(input.type, this.failure);
    throw new TejunError('SESSION_READ_ONLY', `Not recorded: ${this.failure.message}`, { cause: this.failure });
  }

  private lose(event: string, err: unknown): void {
    const reason = err instanceof Error ? err.message : String(err);
    if (this.losses.length < LOST_SHOWN) this.losses.push({ event, at: new Date(this.clock()).toISOString(), reason });
    this.log.error({ err, sessionId: this.id, event }, 'journal append failed: this event is not in the record');
    for (const l of this.listeners) l(this);
  }

  /** Fire every timer that is due, each once; run every second while the session is open. */
  async tick(): Promise<void> {
    if (this.readOnly) return;
    const now = sessionNow(this.state, this.clock());
    for (const t of dueTimers(this.doc.model, this.state, now, this.doc.text, this.baselines)) {
      const ref = t.ref !== undefined ? { ref: t.ref } : {};
      await this.record({ type: 'timer-fired', key: t.key, kind: t.kind, label: t.label, dueAt: t.dueAt, ...ref });
    }
  }

  startTimers(intervalMs = 1000): void {
    if (this.timer || !this.writer) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.writer?.close();
  }
}

/** The block roles corrected in a journal, the latest per block. */
function correctedRoles(entries: readonly JournalEntry[]): Record<string, BlockRole> {
  const roles: Record<string, BlockRole> = {};
  for (const { event: e } of entries) if (e.type === 'block-role') roles[e.blockId] = e.role;
  return roles;
}

export class SessionStore {
  private readonly open = new Map<string, Promise<OpenSession>>();
  readonly root: string;

  constructor(
    dataDir: string,
    private readonly clock: () => number = Date.now,
    private readonly log: Log = silentLog(),
  ) {
    this.root = join(dataDir, 'sessions');
  }

  async create(
    bytes: Uint8Array,
    name: string,
    opts: { rehearsal: boolean; speed: number; operator: string },
  ): Promise<OpenSession> {
    const doc = describeRunbook(bytes, name);
    if (doc.model.kind === 'reference')
      throw new TejunError(
        'SESSION_REJECTED',
        `${name} has no runnable steps, so there is nothing to walk through. ${doc.diagnostics.find((d) => d.code === 'no-runnable-steps')?.message ?? ''}`.trim(),
      );
    // Every journal entry passes the redactor: a pattern it cannot run would stop the session at its first step.
    const refused = doc.diagnostics.find((d) => d.code === 'redact-pattern-refused');
    if (refused)
      throw new TejunError('PATTERN_REFUSED', `${name}:${refused.line}: ${refused.message}`, {
        file: name,
        line: refused.line,
      });
    mkdirSync(this.root, { recursive: true, mode: PRIVATE_DIR });
    const id = newSessionId(new Date(this.clock()));
    const dir = join(this.root, id);
    mkdirSync(dir, { mode: PRIVATE_DIR });
    // The runbook as it was: a later edit of the file cannot change what this session was.
    await writeDurable(join(dir, RUNBOOK_FILE), bytes, PRIVATE_FILE);
    await writeDurable(join(dir, 'runbook.sha256'), `${doc.sha256}  ${name}\n`, PRIVATE_FILE);
    fsyncDir(dir);
    fsyncDir(this.root);
    const first: SystemEvent = {
      type: 'session-created',
      sessionId: id,
      runbookName: name,
      runbookSha256: doc.sha256,
      title: doc.title,
      rehearsal: opts.rehearsal,
      speed: opts.speed,
      operator: opts.operator,
    };
    const { writer, entry } = await JournalWriter.create(dir, first, this.clock);
    const idx = indexSteps(doc.model);
    const { state } = replay([entry], idx);
    const session = new OpenSession(id, dir, doc, idx, state, writer, [], this.clock, this.log);
    session.source = { bytes, name };
    session.rememberRoles = this.keeper(doc.sha256);
    session.baselines = this.baselinesFor(session);
    // Corrections made in an earlier session of this runbook: journaled here, so this session reads the same way.
    const blocks = new Set(doc.model.blocks.map((b) => b.id));
    for (const [blockId, role] of Object.entries(readCorrections(dirname(this.root), doc.sha256))) {
      if (blocks.has(blockId)) await session.submit({ type: 'block-role', blockId, role, by: '' });
    }
    this.open.set(id, Promise.resolve(session));
    return session;
  }

  /** Open (once) and replay: verify the chain, set aside a torn tail, read-only on a break. */
  get(id: string): Promise<OpenSession> {
    if (!isSessionId(id)) return Promise.reject(new TejunError('NOT_FOUND', `No session "${id.slice(0, 80)}".`));
    let p = this.open.get(id);
    if (!p) {
      p = this.load(id);
      this.open.set(id, p);
      p.catch(() => this.open.delete(id));
    }
    return p;
  }

  private async load(id: string): Promise<OpenSession> {
    const r = await this.read(id);
    this.tighten(r.dir, id);
    // Only opening a session may repair it: a torn tail is set aside when its writer opens.
    const writer = r.readOnly ? null : await JournalWriter.open(r.dir, r.verified, this.clock);
    const session = new OpenSession(id, r.dir, r.doc, r.idx, r.state, writer, r.problems, this.clock, this.log);
    session.source = { bytes: r.bytes, name: r.name, path: join(r.dir, RUNBOOK_FILE) };
    session.rememberRoles = this.keeper(r.doc.sha256);
    session.baselines = this.baselinesFor(session);
    return session;
  }

  /** A folder others could read (made by an older tejun, copied by hand) is made owner-only, and said so. */
  private tighten(dir: string, sessionId: string): void {
    try {
      const changed = tightenTree(dir);
      if (changed.length) {
        const files = changed.slice(0, 20);
        this.log.warn(
          { sessionId, dir, files, count: changed.length },
          'session folder was readable by others: made owner-only',
        );
      }
    } catch (err) {
      this.log.warn({ err, sessionId, dir }, 'could not check the session folder’s permissions');
    }
  }

  /** Read and replay a session folder without changing anything in it and without keeping a file open. */
  private async read(id: string) {
    const dir = join(this.root, id);
    if (!existsSync(join(dir, 'journal.jsonl'))) throw new TejunError('NOT_FOUND', `No session ${id} in ${this.root}.`);
    const bytes = await readRegularFile(join(dir, RUNBOOK_FILE), { ...RUNBOOK_READ, noFollow: true });
    const verified = await readJournal(dir);
    const created = verified.entries[0]?.event;
    const name = created?.type === 'session-created' ? created.runbookName : RUNBOOK_FILE;
    // The corrections the operator made are part of the session: the runbook is read with all of them.
    const doc = describeRunbook(bytes, name, join(dir, RUNBOOK_FILE), correctedRoles(verified.entries));
    const problems = [...verified.problems];
    let readOnly = verified.readOnly;
    if (created?.type === 'session-created' && created.runbookSha256 !== sha256(bytes)) {
      problems.push({
        kind: 'broken-chain',
        entry: 1,
        message: `The stored runbook does not match the hash recorded at the start (${created.runbookSha256.slice(0, 12)}…). The session opens read-only.`,
      });
      readOnly = true;
    }
    const idx = indexSteps(doc.model);
    const { state, rejected } = replay(verified.entries, idx);
    for (const r of rejected)
      problems.push({ kind: 'bad-entry', entry: r.seq, message: `Entry ${r.seq} could not be applied: ${r.reason}` });
    return { dir, doc, idx, state, problems, readOnly, verified, bytes, name };
  }

  private keeper(sha: string): (roles: Record<string, BlockRole>) => Promise<void> {
    return (roles) => saveCorrections(dirname(this.root), sha, roles);
  }

  /** Past runs of the same runbook in this data folder; a folder that cannot be read gives none, never a refusal. */
  private baselinesFor(s: OpenSession): Baselines {
    try {
      return runbookBaselines(dirname(this.root), s.doc.model, s.doc.sha256, s.id);
    } catch {
      return {};
    }
  }

  /** Every session folder, newest first. Read-only: no writer opened, no torn tail repaired, no file left open. */
  async list(): Promise<SessionSummary[]> {
    if (!existsSync(this.root)) return [];
    const out: SessionSummary[] = [];
    for (const id of readdirSync(this.root).sort().reverse()) {
      try {
        const open = this.open.get(id);
        const s = open ? await open : await this.read(id);
        out.push({
          sessionId: id,
          title: s.state.title,
          createdAt: new Date(s.state.createdWallAt).toISOString(),
          lifecycle: s.state.lifecycle,
          outcome: s.state.outcome,
          rehearsal: s.state.rehearsal,
          problems: s.problems.map((p) => p.message),
        });
      } catch (err) {
        out.push({
          sessionId: id,
          title: id,
          createdAt: '',
          lifecycle: 'unreadable',
          outcome: null,
          rehearsal: false,
          problems: [(err as Error).message],
        });
      }
    }
    return out;
  }

  /** Titles of the open sessions still under way (for the desktop shell: ask before quitting, keep awake). */
  async live(): Promise<string[]> {
    const out: string[] = [];
    for (const p of this.open.values()) {
      const s = await p.catch(() => null);
      // A session whose journal failed is still a release under way.
      if (s && isUnderWay(s.state.lifecycle) && (!s.readOnly || s.lost.length)) out.push(s.state.title);
    }
    return out;
  }

  async closeAll(): Promise<void> {
    for (const p of this.open.values()) await (await p.catch(() => null))?.close();
    this.open.clear();
  }
}
