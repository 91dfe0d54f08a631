// Real shells in real ptys, owned by core. Each terminal belongs to one client; when the client goes,
// its shells and their whole process groups go with it. Output is batched into short frames of UTF-8
// bytes and flow-controlled by the renderer's acknowledgements (a window of parse time, flowControl.ts);
// the shell's marks tell which command ran, what it printed and how it exited.
import * as pty from 'node-pty';
import { homedir } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { TejunError } from '../../shared/errors';
import type { RedactorSource } from '../evidence/redact';
import { CommandTracker, type FinishedCommand } from './commandTracker';
import { FlowControl } from './flowControl';
import { ReplayBuffer } from './replayBuffer';
import { DisposableStore, toDisposable } from './disposables';
import { removeIntegrationDir, shellLaunch } from './shellIntegration';
import { pickShell } from './shell';
import { Transcript } from './transcript';

import type { IntegrationState } from '../../shared/integration';
export type { IntegrationState };

export interface TerminalSink {
  /** A frame of output: the pty's bytes as they came (UTF-8; a character may be cut between two frames). */
  data(id: string, bytes: Uint8Array): void;
  exit(id: string, exitCode: number, signal: number | null): void;
  /** Shell integration became active, went away (ssh, tmux) or is not available. */
  status?(id: string, integration: IntegrationState, detail: string): void;
  /** A command finished (as reported by the shell's marks, or tejun's own markers). */
  command?(
    id: string,
    command: FinishedCommand,
    transcript: { file: string; fromLine: number; toLine: number } | null,
  ): void;
}

export interface CreateOptions {
  /** Where the transcript is written (a session's terminals folder); none when not in a session. */
  transcriptDir?: string | undefined;
  /** What the transcript passes its output through before writing it (the session's redactor). */
  redactor?: RedactorSource | undefined;
  name?: string | undefined;
  cwd?: string;
  /** Extra environment (the runbook's variables when asked). */
  env?: Record<string, string> | undefined;
  /** Start the shell through another program (a sandbox); `keep` are the terminal's own files it must still see. */
  wrap?: ((shell: string, args: string[], keep: string[]) => { file: string; args: string[] }) | undefined;
  /** The session the terminal belongs to: it outlives the window and can be reattached from it. */
  group?: string | undefined;
}

interface Term {
  id: string;
  name: string;
  owner: string;
  proc: pty.IPty;
  sink: TerminalSink;
  /** The pty's bytes as they came, not yet sent: a frame is their concatenation, never re-encoded. */
  pending: Buffer[];
  pendingBytes: number;
  /** The same bytes as text, for the marks, the transcript and the replay (a character cut between reads waits). */
  decoder: StringDecoder;
  flushTimer: NodeJS.Timeout | null;
  tracker: CommandTracker;
  nonce: string;
  integration: IntegrationState;
  /** Output in flight to the page, and whether the pty is paused until the page catches up. */
  flow: FlowControl;
  transcript: Transcript | null;
  commandStartLine: number;
  inputQueue: Promise<void>;
  /** Writes waiting in inputQueue; while any wait, a keystroke queues behind them to keep the order. */
  queued: number;
  windowStart: number;
  windowChars: number;
  /** The pty subscriptions, the frame timer, the transcript and the startup files' folder: released on close. */
  store: DisposableStore;
  /** The latest output (REPLAY_MAX characters), replayed to a window that reattaches. */
  replay: ReplayBuffer;
  /** No client is attached (its window reloaded, crashed or closed): the shell runs on, unthrottled. */
  detached: boolean;
  /** When it was detached (ms since the epoch), for the start screen's list of shells nobody came back to. */
  detachedAt: number;
  /** What the terminal was created in (a session id), so that a later window of it can reattach. */
  group: string | null;
  shell: string;
}

/** What a reattaching window is sent before live output: enough for the screen and some scrollback. */
export const REPLAY_MAX = 256 * 1024;

/** Output is gathered for this long before it is sent: a flood becomes a few frames, not thousands of messages. */
export const FRAME_MS = 5;
/** A frame is sent early once it holds this many bytes. */
export const FRAME_MAX = 128 * 1024;
/** Up to this much output within one frame counts as interactive and is not delayed. */
const INTERACTIVE_CHARS = 2048;
/** After SIGHUP, a shell gets this long to leave before SIGKILL. */
const KILL_GRACE_MS = 1500;
const INPUT_CHUNK = 512;
const NESTED = /^\s*(ssh|mosh|tmux|screen|docker\s+(exec|run)|kubectl\s+exec|su|sudo\s+(-i|-s|su))\b/;

export interface PtyHostOptions {
  /** The environment shells start with (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Where a failure nobody waits for goes (the host's log). */
  onError?: (err: unknown, what: string) => void;
}

/** Split input so that no chunk ends inside an escape sequence or a surrogate pair. */
export function chunkInput(data: string, max = INPUT_CHUNK): string[] {
  if (data.length <= max) return [data];
  const out: string[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(start + max, data.length);
    if (end < data.length) {
      // Do not split a surrogate pair.
      if (/[\uD800-\uDBFF]/.test(data[end - 1]!)) end--;
      // Do not split an escape sequence: cut before an ESC that has not finished within the chunk.
      const esc = data.lastIndexOf('\x1b', end - 1);
      if (
        esc >= start &&
        esc > end - 64 &&
        !/^\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_]|\[200~|\[201~)/.test(data.slice(esc, end))
      )
        end = esc > start ? esc : end;
    }
    out.push(data.slice(start, end));
    start = end;
  }
  return out;
}

/**
 * The last line of defence, whoever calls: pasted text holding ESC (or C1 CSI) could end the bracketed
 * paste (`ESC[201~`) and have the shell run the rest at once, or drive readline's key bindings.
 */
function refuseEscapes(text: string): void {
  const at = text.search(/[\x1b\x9b]/);
  if (at < 0) return;
  throw new TejunError(
    'COMMAND_HIDDEN_CHARACTERS',
    `Not pasted: the text holds ${text[at] === '\x1b' ? 'ESC (\\x1b)' : 'CSI (\\x9b)'} at character ${at + 1}, ` +
      'which could end the paste and run what follows.',
  );
}

type Launch = ReturnType<typeof shellLaunch>;

/** Starts the shell in a pty; on failure releases what was prepared for it and says which shell would not start. */
function spawnShell(
  shell: string,
  launch: Launch,
  baseEnv: NodeJS.ProcessEnv,
  size: { cols: number; rows: number },
  opts: CreateOptions,
  store: DisposableStore,
): pty.IPty {
  try {
    const keep = launch.dir ? [launch.dir] : [];
    const spawned = opts.wrap ? opts.wrap(shell, launch.args, keep) : { file: shell, args: launch.args };
    return pty.spawn(spawned.file, spawned.args, {
      // Bytes, not strings: output goes to the page as it came, with no decode and re-encode per byte.
      encoding: null,
      name: 'xterm-256color',
      cols: size.cols,
      rows: size.rows,
      cwd: opts.cwd ?? (baseEnv.HOME || homedir()),
      env: { ...baseEnv, ...launch.env, TERM: 'xterm-256color', COLORTERM: 'truecolor', TEJUN: '1' } as Record<
        string,
        string
      >,
    });
  } catch (err) {
    store.dispose();
    const why = (err as Error).message;
    const text = `Could not start the shell ${shell}: ${why}. Set $SHELL to a shell that exists.`;
    throw new TejunError('TERMINAL_FAILED', text, { cause: err });
  }
}

type TermIdentity = Pick<Term, 'id' | 'name' | 'owner' | 'proc' | 'sink' | 'transcript' | 'store' | 'group' | 'shell'>;

/** A terminal as it starts: nothing sent, nothing queued, attached. */
function newTerm(who: TermIdentity, launch: Launch): Term {
  return {
    ...who,
    pending: [],
    pendingBytes: 0,
    decoder: new StringDecoder('utf8'),
    flushTimer: null,
    tracker: new CommandTracker(launch.nonce),
    nonce: launch.nonce,
    integration: launch.integrated ? 'pending' : 'unavailable',
    flow: new FlowControl(),
    commandStartLine: 0,
    inputQueue: Promise.resolve(),
    queued: 0,
    windowStart: 0,
    windowChars: 0,
    replay: new ReplayBuffer(REPLAY_MAX),
    detached: false,
    detachedAt: 0,
  };
}

export class PtyHost {
  private readonly terms = new Map<string, Term>();
  private nextId = 1;

  constructor(private readonly options: PtyHostOptions = {}) {}

  create(
    owner: string,
    cols: number,
    rows: number,
    sink: TerminalSink,
    opts: CreateOptions = {},
  ): { id: string; shell: string; pid: number; name: string; integration: IntegrationState } {
    const baseEnv = { ...(this.options.env ?? process.env), ...(opts.env ?? {}) };
    const shell = pickShell(baseEnv);
    const launch = shellLaunch(shell, baseEnv);
    const store = new DisposableStore();
    // Last to go, so it is removed even if something registered after it fails to release.
    if (launch.dir) store.add(toDisposable(() => removeIntegrationDir(launch.dir!)));
    const id = `t${this.nextId++}`;
    const name = opts.name ?? `${shell.split('/').pop()} ${id}`;
    const proc = spawnShell(shell, launch, baseEnv, { cols, rows }, opts, store);
    const transcript = opts.transcriptDir
      ? new Transcript(opts.transcriptDir, `${id}-${Date.now()}`, cols, rows, shell, { redactor: opts.redactor })
      : null;
    const group = opts.group ?? null;
    const term = newTerm({ id, name, owner, proc, sink, transcript, store, group, shell }, launch);
    this.terms.set(id, term);
    this.wire(term);
    return { id, shell, pid: proc.pid, name, integration: term.integration };
  }

  /** Everything the terminal holds is released through its store, which the shell's exit disposes. */
  private wire(term: Term): void {
    const { id, proc, sink, store, transcript } = term;
    if (transcript) store.add(toDisposable(() => this.closeTranscript(transcript)));
    store.add(
      toDisposable(() => {
        if (term.flushTimer) clearTimeout(term.flushTimer);
      }),
    );
    // With `encoding: null` node-pty hands out Buffers (its typings still say string).
    store.add(proc.onData((d) => this.onOutput(term, d as unknown as Buffer)));
    store.add(
      proc.onExit(({ exitCode, signal }) => {
        this.flush(term);
        this.terms.delete(id);
        sink.exit(id, exitCode, signal ?? null);
        store.dispose();
      }),
    );
  }

  private onOutput(term: Term, chunk: Buffer): void {
    const data = term.decoder.write(chunk);
    const line = term.transcript?.write(data) ?? 0;
    const { finished, marks } = term.tracker.feed(data);
    for (const m of marks) {
      if (m.mark.kind === 'output-start' || m.mark.kind === 'run-start') term.commandStartLine = line;
      if (m.mark.kind === 'command-line') {
        if (NESTED.test(m.mark.commandLine))
          this.setIntegration(term, 'nested', m.mark.commandLine.trim().split(/\s+/)[0]!);
      }
      if (m.mark.kind === 'prompt-start' && m.source === '633') this.setIntegration(term, 'active', '');
    }
    for (const f of finished) {
      term.sink.command?.(
        term.id,
        f,
        term.transcript
          ? { file: term.transcript.castFile, fromLine: term.commandStartLine || line, toLine: line }
          : null,
      );
    }
    term.replay.push(data);
    // Nobody to acknowledge: the shell must not block (its output is in the transcript and the replay).
    if (term.detached) return;
    term.pending.push(chunk);
    term.pendingBytes += chunk.length;
    // Interactive output (an echoed keystroke, a prompt) goes at once; a flood is gathered into frames of
    // FRAME_MS, or sent as soon as a frame holds FRAME_MAX characters.
    const now = performance.now();
    if (now - term.windowStart > FRAME_MS) {
      term.windowStart = now;
      term.windowChars = 0;
    }
    term.windowChars += chunk.length;
    if (term.pendingBytes >= FRAME_MAX || (!term.flushTimer && term.windowChars <= INTERACTIVE_CHARS)) this.flush(term);
    else term.flushTimer ??= setTimeout(() => this.flush(term), FRAME_MS);
  }

  /**
   * The client went away (a reload, a crash, a dropped socket): the shell keeps running and its commands
   * are still tracked; output is kept for a replay. A paused pty is resumed, since nobody will acknowledge.
   */
  detach(owner: string, id: string): void {
    const t = this.get(owner, id);
    t.detached = true;
    t.detachedAt = Date.now();
    t.owner = '';
    t.pending = [];
    t.pendingBytes = 0;
    if (t.flow.reset()) t.proc.resume();
  }

  /** Terminals of a session that no window is attached to, oldest first. */
  detachedOf(group: string): { id: string; name: string; integration: IntegrationState }[] {
    return [...this.terms.values()]
      .filter((t) => t.detached && t.group === group)
      .map((t) => ({ id: t.id, name: t.name, integration: t.integration }));
  }

  /** A session's terminals and their latest output, for a read-only mirror (a remote watcher). */
  mirrorOf(group: string): { id: string; name: string; replay: string }[] {
    return [...this.terms.values()]
      .filter((t) => t.group === group)
      .map((t) => ({ id: t.id, name: t.name, replay: t.replay.text() }));
  }

  /**
   * Shells detached for at least `graceMs`, any session: the start screen lists them with what runs in
   * them now (the pty's foreground process, e.g. `sleep` or `pg_restore`; the shell itself when idle).
   */
  waiting(graceMs: number, now = Date.now()): WaitingTerminal[] {
    return [...this.terms.values()]
      .filter((t) => t.detached && t.group !== null && now - t.detachedAt >= graceMs)
      .map((t) => ({
        id: t.id,
        name: t.name,
        group: t.group!,
        detachedAt: t.detachedAt,
        process: foreground(t),
        shell: t.shell.split('/').pop()!,
      }));
  }

  /** The terminals of a session that a window holds: a second window of the session may take one over. */
  attachedOf(group: string): { id: string; name: string; owner: string }[] {
    return [...this.terms.values()]
      .filter((t) => !t.detached && t.group === group)
      .map((t) => ({ id: t.id, name: t.name, owner: t.owner }));
  }

  /** End a shell nobody came back to (the start screen's End): only a detached one, never a window's. */
  end(id: string): void {
    const t = this.terms.get(id);
    if (!t || !t.detached)
      throw new TejunError('TERMINAL_NOT_FOUND', `Terminal ${id} is not waiting any more: it ended or was reattached.`);
    this.kill(t);
  }

  /**
   * Another window of the session takes the keyboard (and the acknowledgements) of an attached terminal;
   * the previous owner goes on seeing its output. Returns who had it, and what to show first.
   */
  takeOver(owner: string, id: string): { previous: string } & ReturnType<PtyHost['attach']> {
    const t = this.terms.get(id);
    if (!t || t.detached || t.group === null)
      throw new TejunError('TERMINAL_NOT_FOUND', `Terminal ${id} is not open in another window. Open a new terminal.`);
    const previous = t.owner;
    t.owner = owner;
    // The new window acknowledges from now on; what the old one had not acknowledged is forgiven.
    if (t.flow.reset()) t.proc.resume();
    const replay = t.replay.text();
    return { previous, replay, integration: t.integration, pid: t.proc.pid, name: t.name, shell: t.shell };
  }

  /** A window takes a detached terminal over: it gets the latest output to show, then live output. */
  attach(
    owner: string,
    id: string,
  ): { replay: string; integration: IntegrationState; pid: number; name: string; shell: string } {
    const t = this.terms.get(id);
    if (!t || !t.detached)
      throw new TejunError(
        'TERMINAL_NOT_FOUND',
        `Terminal ${id} is not waiting to be reattached. Open a new terminal.`,
      );
    t.detached = false;
    t.owner = owner;
    return { replay: t.replay.text(), integration: t.integration, pid: t.proc.pid, name: t.name, shell: t.shell };
  }

  private setIntegration(term: Term, state: IntegrationState, detail: string): void {
    if (term.integration === state) return;
    term.integration = state;
    term.sink.status?.(term.id, state, detail);
  }

  private flush(term: Term): void {
    if (term.flushTimer) clearTimeout(term.flushTimer);
    term.flushTimer = null;
    if (!term.pendingBytes) return;
    const bytes = term.pending.length === 1 ? term.pending[0]! : Buffer.concat(term.pending, term.pendingBytes);
    term.pending = [];
    term.pendingBytes = 0;
    if (term.store.isDisposed || term.detached) return;
    if (term.flow.sent(bytes.length)) term.proc.pause();
    term.sink.data(term.id, bytes);
  }

  private get(owner: string, id: string): Term {
    const t = this.terms.get(id);
    if (!t || t.owner !== owner)
      throw new TejunError(
        'TERMINAL_NOT_FOUND',
        `Terminal ${id} is not open (its shell may have exited). Open a new terminal.`,
      );
    return t;
  }

  /** The renderer parsed this many bytes (busy `busyMs` meanwhile): resume a paused pty once it caught up. */
  ack(owner: string, id: string, chars: number, busyMs?: number): void {
    // An acknowledgement that arrives after the terminal closed has nothing left to resume.
    const t = this.terms.get(id);
    if (!t || t.owner !== owner) return;
    if (t.flow.acked(chars, busyMs)) t.proc.resume();
  }

  write(owner: string, id: string, data: string): void {
    const t = this.get(owner, id);
    // Echo first: a keystroke with nothing queued before it goes to the pty now, not a microtask later.
    if (t.queued === 0 && data.length <= INPUT_CHUNK) {
      t.proc.write(data);
      return;
    }
    // In order, in chunks that never cut an escape sequence.
    t.queued++;
    t.inputQueue = t.inputQueue.then(() => {
      t.queued--;
      // Input still queued when the terminal closed goes nowhere.
      if (t.store.isDisposed) return;
      for (const c of chunkInput(data)) t.proc.write(c);
    });
  }

  /** Paste as the terminal would (bracketed), and press Enter when asked. */
  paste(owner: string, id: string, text: string, enter: boolean): void {
    refuseEscapes(text);
    this.write(owner, id, `\x1b[200~${text}\x1b[201~${enter ? '\r' : ''}`);
  }

  /** Where the shell gives no marks: run wrapped in tejun's own markers, so output and exit code are still known. */
  runMarked(owner: string, id: string, runId: string, text: string): void {
    refuseEscapes(text);
    const t = this.get(owner, id);
    const start = `printf '\\033]633;X;start;${runId};${t.nonce}\\007'`;
    const end = `printf '\\033]633;X;end;${runId};%s;${t.nonce}\\007' "$?"`;
    // One command list, parsed whole before it runs: continuation prompts come before the start marker.
    this.write(owner, id, `${start}; { ${text.replace(/\n+$/, '')}\n}; ${end}\r`);
  }

  integration(owner: string, id: string): IntegrationState {
    return this.get(owner, id).integration;
  }

  unackedOf(owner: string, id: string): { unacked: number; paused: boolean; window: number } {
    const { unacked, paused, window } = this.get(owner, id).flow;
    return { unacked, paused, window };
  }

  resize(owner: string, id: string, cols: number, rows: number): void {
    const t = this.get(owner, id);
    t.proc.resize(cols, rows);
    t.transcript?.resize(cols, rows);
  }

  close(owner: string, id: string): void {
    this.kill(this.get(owner, id));
  }

  /** Close every terminal of a client (it went away); returns their ids. */
  closeAllOf(owner: string): string[] {
    const mine = [...this.terms.values()].filter((t) => t.owner === owner);
    for (const t of mine) this.kill(t);
    return mine.map((t) => t.id);
  }

  /** A client went away: its session terminals are detached (they outlive the window), the others closed. */
  releaseAllOf(owner: string): { closed: string[]; detached: string[] } {
    const mine = [...this.terms.values()].filter((t) => t.owner === owner);
    const out = { closed: [] as string[], detached: [] as string[] };
    for (const t of mine) {
      if (t.group) {
        this.detach(owner, t.id);
        out.detached.push(t.id);
      } else {
        this.kill(t);
        out.closed.push(t.id);
      }
    }
    return out;
  }

  dispose(): void {
    for (const t of [...this.terms.values()]) this.kill(t);
  }

  get count(): number {
    return this.terms.size;
  }

  private closeTranscript(t: Transcript): void {
    t.close().catch((err: unknown) => this.options.onError?.(err, 'closing a terminal transcript'));
  }

  /**
   * Release everything the terminal owns (after this no data or exit reaches its client), then SIGHUP the
   * shell's process group (the pty made it a session leader) and SIGKILL it after a grace period. The one
   * listener left, the reaper, goes with the shell and cancels the SIGKILL: a pgid may be reused once free.
   */
  private kill(term: Term): void {
    this.terms.delete(term.id);
    const pgid = term.proc.pid;
    const timer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), KILL_GRACE_MS);
    timer.unref();
    const reaper = term.proc.onExit(() => {
      clearTimeout(timer);
      reaper.dispose();
    });
    try {
      term.store.dispose();
    } finally {
      signalGroup(pgid, 'SIGHUP');
    }
  }
}

export interface WaitingTerminal {
  id: string;
  name: string;
  group: string;
  detachedAt: number;
  /** What runs in it now: the pty's foreground process. */
  process: string;
  shell: string;
}

/** node-pty reads the pty's foreground process group leader's name; a shell that already left has none. */
function foreground(t: Term): string {
  let name = t.shell;
  try {
    name = t.proc.process || t.shell;
  } catch {
    // The pty is gone: name the shell.
  }
  return name.split('/').pop()!;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    try {
      process.kill(pgid, signal);
    } catch {
      // Already gone.
    }
  }
}
