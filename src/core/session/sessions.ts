// Sessions on disk: one folder each under <data>/sessions, holding the runbook exactly as it was at
// the start, its hash, and the journal. An open session's state is the fold of its journal; a command
// is validated against that state, appended (fsynced), and only then acknowledged.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TejunError } from '../../shared/errors';
import type { SessionSummary, SessionView } from '../../shared/contract';
import type { RunbookDoc } from '../../shared/runbook';
import type { Command, SessionEvent, SystemEvent } from '../../shared/session/events';
import { sessionNow, type SessionState } from '../../shared/session/state';

export type { SessionSummary, SessionView };
import { dueTimers } from '../../shared/session/timers';
import { describeRunbook } from '../runbook/load';
import { JournalWriter, fsyncDir, readJournal, sha256, writeDurable, type JournalProblem } from './journal';
import { apply, indexSteps, replay, type StepIndex } from './machine';
import { SessionSecrets } from './secrets';
import { runbookBaselines } from '../evidence/baseline';
import type { Baselines } from '../../shared/timeline/layout';

const RUNBOOK_FILE = 'runbook.md';

function newSessionId(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}-${randomBytes(3).toString('hex')}`;
}

export class OpenSession {
  private listeners = new Set<(s: OpenSession) => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly id: string,
    readonly dir: string,
    readonly doc: RunbookDoc,
    private readonly idx: StepIndex,
    public state: SessionState,
    private readonly writer: JournalWriter | null,
    readonly problems: JournalProblem[],
    private readonly clock: () => number,
  ) {
    this.secrets = new SessionSecrets(dir, doc.model);
  }

  get readOnly(): boolean {
    return this.writer === null;
  }

  view(): SessionView {
    return { sessionId: this.id, doc: this.doc, state: this.state, readOnly: this.readOnly, problems: this.problems.map((p) => p.message), baselines: this.baselines };
  }

  onChange(fn: (s: OpenSession) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Secret variable values (kept beside the journal, never in it) and the redactor built from them. */
  readonly secrets: SessionSecrets;

  /** p50/p90 per step from past runs of this runbook (evidence/baseline.ts): the overrun timer uses the p90. */
  baselines: Baselines = {};

  /** Validate against the current state, append durably, then acknowledge with the new state. */
  async submit(input: Command | SystemEvent): Promise<SessionState> {
    if (!this.writer) throw new TejunError('SESSION_READ_ONLY', `Session ${this.id} is read-only: ${this.problems[0]?.message ?? 'it is finished or damaged.'}`);
    // What reaches the journal has its secrets taken out; the journal leaves the machine as evidence.
    const event = await this.secrets.scrub(input);
    // One instant for both the state computed now and the entry's time, so a replay gives the same state.
    const at = this.writer.now();
    const r = apply(this.state, event as SessionEvent, at, this.idx);
    if (!r.ok) throw new TejunError('SESSION_REJECTED', r.reason);
    // The state moves on now, so the next command is checked against it; the caller hears back after fsync.
    const entry = this.writer.append(event as SessionEvent, at);
    this.state = { ...r.state, lastSeq: this.state.lastSeq + 1 };
    await entry;
    for (const l of this.listeners) l(this);
    return this.state;
  }

  /**
   * Append an event made from the hash it will follow (a signed sign-off or note signs that hash).
   * Nothing is awaited between reading the head and appending, so no other entry can come between.
   * The caller passes text already redacted: a signature must cover exactly what is journaled.
   */
  async submitChained(make: (after: string) => Command): Promise<SessionState> {
    if (!this.writer) throw new TejunError('SESSION_READ_ONLY', `Session ${this.id} is read-only: ${this.problems[0]?.message ?? 'it is finished or damaged.'}`);
    const at = this.writer.now();
    const event = make(this.writer.head) as SessionEvent;
    const r = apply(this.state, event, at, this.idx);
    if (!r.ok) throw new TejunError('SESSION_REJECTED', r.reason);
    const entry = this.writer.append(event, at);
    this.state = { ...r.state, lastSeq: this.state.lastSeq + 1 };
    await entry;
    for (const l of this.listeners) l(this);
    return this.state;
  }

  /** Fire every timer that is due, each once; run every second while the session is open. */
  async tick(): Promise<void> {
    if (!this.writer) return;
    const now = sessionNow(this.state, this.clock());
    for (const t of dueTimers(this.doc.model, this.state, now, this.baselines)) {
      await this.submit({ type: 'timer-fired', key: t.key, kind: t.kind, label: t.label, dueAt: t.dueAt, ...(t.ref !== undefined ? { ref: t.ref } : {}) }).catch(() => {});
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

export class SessionStore {
  private readonly open = new Map<string, Promise<OpenSession>>();
  readonly root: string;

  constructor(dataDir: string, private readonly clock: () => number = Date.now) {
    this.root = join(dataDir, 'sessions');
  }

  async create(bytes: Uint8Array, name: string, opts: { rehearsal: boolean; speed: number; operator: string }): Promise<OpenSession> {
    const doc = describeRunbook(bytes, name);
    if (doc.model.kind === 'reference') throw new TejunError('SESSION_REJECTED', `${name} has no runnable steps, so there is nothing to walk through. ${doc.diagnostics.find((d) => d.code === 'no-runnable-steps')?.message ?? ''}`.trim());
    mkdirSync(this.root, { recursive: true });
    const id = newSessionId(new Date(this.clock()));
    const dir = join(this.root, id);
    mkdirSync(dir);
    // The runbook as it was: a later edit of the file cannot change what this session was.
    await writeDurable(join(dir, RUNBOOK_FILE), bytes);
    await writeDurable(join(dir, 'runbook.sha256'), `${doc.sha256}  ${name}\n`);
    fsyncDir(dir);
    fsyncDir(this.root);
    const first: SystemEvent = { type: 'session-created', sessionId: id, runbookName: name, runbookSha256: doc.sha256, title: doc.title, rehearsal: opts.rehearsal, speed: opts.speed, operator: opts.operator };
    const { writer, entry } = await JournalWriter.create(dir, first, this.clock);
    const idx = indexSteps(doc.model);
    const { state } = replay([entry], idx);
    const session = new OpenSession(id, dir, doc, idx, state, writer, [], this.clock);
    session.baselines = this.baselinesFor(session);
    this.open.set(id, Promise.resolve(session));
    return session;
  }

  /** Open (once) and replay: verify the chain, set aside a torn tail, read-only on a break. */
  get(id: string): Promise<OpenSession> {
    if (!/^[0-9A-Za-z-]{1,80}$/.test(id)) return Promise.reject(new TejunError('NOT_FOUND', `No session "${id.slice(0, 80)}".`));
    let p = this.open.get(id);
    if (!p) {
      p = this.load(id);
      this.open.set(id, p);
      p.catch(() => this.open.delete(id));
    }
    return p;
  }

  private async load(id: string): Promise<OpenSession> {
    const dir = join(this.root, id);
    if (!existsSync(join(dir, 'journal.jsonl'))) throw new TejunError('NOT_FOUND', `No session ${id} in ${this.root}.`);
    const bytes = readFileSync(join(dir, RUNBOOK_FILE));
    const verified = await readJournal(dir);
    const created = verified.entries[0]?.event;
    const name = created?.type === 'session-created' ? created.runbookName : RUNBOOK_FILE;
    const doc = describeRunbook(bytes, name, join(dir, RUNBOOK_FILE));
    const problems = [...verified.problems];
    let readOnly = verified.readOnly;
    if (created?.type === 'session-created' && created.runbookSha256 !== sha256(bytes)) {
      problems.push({ kind: 'broken-chain', entry: 1, message: `The stored runbook does not match the hash recorded at the start (${created.runbookSha256.slice(0, 12)}…). The session opens read-only.` });
      readOnly = true;
    }
    const idx = indexSteps(doc.model);
    const { state, rejected } = replay(verified.entries, idx);
    for (const r of rejected) problems.push({ kind: 'bad-entry', entry: r.seq, message: `Entry ${r.seq} could not be applied: ${r.reason}` });
    const writer = readOnly ? null : await JournalWriter.open(dir, verified, this.clock);
    const session = new OpenSession(id, dir, doc, idx, state, writer, problems, this.clock);
    session.baselines = this.baselinesFor(session);
    return session;
  }

  /** Past runs of the same runbook in this data folder; a folder that cannot be read gives none, never a refusal. */
  private baselinesFor(s: OpenSession): Baselines {
    try {
      return runbookBaselines(dirname(this.root), s.doc.model, s.doc.sha256, s.id);
    } catch {
      return {};
    }
  }

  async list(): Promise<SessionSummary[]> {
    if (!existsSync(this.root)) return [];
    const out: SessionSummary[] = [];
    for (const id of readdirSync(this.root).sort().reverse()) {
      try {
        const s = await this.get(id);
        out.push({ sessionId: id, title: s.state.title, createdAt: new Date(s.state.createdWallAt).toISOString(), lifecycle: s.state.lifecycle, outcome: s.state.outcome, rehearsal: s.state.rehearsal, problems: s.problems.map((p) => p.message) });
      } catch (err) {
        out.push({ sessionId: id, title: id, createdAt: '', lifecycle: 'unreadable', outcome: null, rehearsal: false, problems: [(err as Error).message] });
      }
    }
    return out;
  }

  /** Titles of the open sessions still under way (for the desktop shell: ask before quitting, keep awake). */
  async live(): Promise<string[]> {
    const out: string[] = [];
    for (const p of this.open.values()) {
      const s = await p.catch(() => null);
      if (s && !s.readOnly && ['preflight', 'running', 'monitoring', 'rollback'].includes(s.state.lifecycle)) out.push(s.state.title);
    }
    return out;
  }

  async closeAll(): Promise<void> {
    for (const p of this.open.values()) await (await p.catch(() => null))?.close();
    this.open.clear();
  }
}
