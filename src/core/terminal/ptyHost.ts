// Real shells in real ptys, owned by core. Each terminal belongs to one client; when the client goes,
// its shells and their whole process groups go with it.
import * as pty from 'node-pty';
import { homedir } from 'node:os';
import { TejunError } from '../../shared/errors';
import { pickShell } from './shell';

export interface TerminalSink {
  data(id: string, data: string): void;
  exit(id: string, exitCode: number, signal: number | null): void;
}

interface Term {
  id: string;
  owner: string;
  proc: pty.IPty;
  sink: TerminalSink;
  pending: string;
  flushTimer: NodeJS.Timeout | null;
  exited: boolean;
}

/** Output is gathered for this long before it is sent, so a flood becomes a few frames, not thousands of messages. */
const FRAME_MS = 5;
/** After SIGHUP, a shell gets this long to leave before SIGKILL. */
const KILL_GRACE_MS = 1500;

export interface PtyHostOptions {
  /** The environment shells start with (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

export class PtyHost {
  private readonly terms = new Map<string, Term>();
  private nextId = 1;

  constructor(private readonly options: PtyHostOptions = {}) {}

  create(owner: string, cols: number, rows: number, sink: TerminalSink): { id: string; shell: string; pid: number } {
    const baseEnv = this.options.env ?? process.env;
    const shell = pickShell(baseEnv);
    const id = `t${this.nextId++}`;
    let proc: pty.IPty;
    try {
      proc = pty.spawn(shell, [], {
        name: 'xterm-256color',
        cols,
        rows,
        cwd: baseEnv.HOME || homedir(),
        env: { ...baseEnv, TERM: 'xterm-256color', COLORTERM: 'truecolor', TEJUN: '1' } as Record<string, string>,
      });
    } catch (err) {
      throw new TejunError('TERMINAL_FAILED', `Could not start the shell ${shell}: ${(err as Error).message}. Set $SHELL to a shell that exists.`);
    }
    const term: Term = { id, owner, proc, sink, pending: '', flushTimer: null, exited: false };
    this.terms.set(id, term);
    proc.onData((d) => this.queue(term, d));
    proc.onExit(({ exitCode, signal }) => {
      this.flush(term);
      term.exited = true;
      this.terms.delete(id);
      sink.exit(id, exitCode, signal ?? null);
    });
    return { id, shell, pid: proc.pid };
  }

  private queue(term: Term, data: string): void {
    term.pending += data;
    term.flushTimer ??= setTimeout(() => this.flush(term), FRAME_MS);
  }

  private flush(term: Term): void {
    if (term.flushTimer) clearTimeout(term.flushTimer);
    term.flushTimer = null;
    if (!term.pending) return;
    const data = term.pending;
    term.pending = '';
    term.sink.data(term.id, data);
  }

  private get(owner: string, id: string): Term {
    const t = this.terms.get(id);
    if (!t || t.owner !== owner) throw new TejunError('TERMINAL_NOT_FOUND', `Terminal ${id} is not open (its shell may have exited). Open a new terminal.`);
    return t;
  }

  write(owner: string, id: string, data: string): void {
    this.get(owner, id).proc.write(data);
  }

  resize(owner: string, id: string, cols: number, rows: number): void {
    this.get(owner, id).proc.resize(cols, rows);
  }

  close(owner: string, id: string): void {
    this.kill(this.get(owner, id));
  }

  closeAllOf(owner: string): void {
    for (const t of [...this.terms.values()]) if (t.owner === owner) this.kill(t);
  }

  dispose(): void {
    for (const t of [...this.terms.values()]) this.kill(t);
  }

  get count(): number {
    return this.terms.size;
  }

  /** SIGHUP to the shell's process group (the pty made it a session leader), SIGKILL after a grace period. */
  private kill(term: Term): void {
    this.terms.delete(term.id);
    if (term.flushTimer) clearTimeout(term.flushTimer);
    const pgid = term.proc.pid;
    signalGroup(pgid, 'SIGHUP');
    const timer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), KILL_GRACE_MS);
    timer.unref();
  }
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
