// What core knows about each terminal beyond its pty: the session it belongs to, the step command it was
// asked to run, a target probe waiting for its answer, and the window its output goes to (none while it is
// detached). A closed terminal reports nothing more (no exit either): what core kept about it goes with it.
import { randomBytes } from 'node:crypto';
import { TextDecoder } from 'node:util';
import type { ClientCtx } from '../context';
import type { OpenSession } from '../session/sessions';
import type { FinishedCommand } from './commandTracker';
import type { PtyHost } from './ptyHost';
import { ProbeWaits } from './targetProbe';
import { TerminalWindows } from './terminalWindows';

export interface PendingRun {
  stepId: string;
  commandId: string;
  text: string;
  /** tejun's own marker around the command where the shell has no integration; null when the marks tell. */
  runId: string | null;
}

export class TerminalLinks {
  readonly session = new Map<string, OpenSession>();
  readonly pendingRuns = new Map<string, PendingRun>();
  readonly probes = new ProbeWaits<FinishedCommand>();
  /** Which windows each terminal's output goes to (none while it is detached), and which one types. */
  readonly windows = new TerminalWindows();
  /** To a client without a byte channel, output as text: decoded per terminal, a character cut between reads whole. */
  private readonly text = new Map<string, TextDecoder>();
  /** Also told of every output and every terminal gone (the remote mirror). */
  readonly listeners: { output(id: string, bytes: Uint8Array): void; forget(id: string): void }[] = [];

  constructor(private readonly ptys: PtyHost) {}

  /** A terminal's output to every window that shows it, and to the listeners. */
  output(id: string, bytes: Uint8Array): void {
    for (const to of this.windows.all(id)) this.sendOutput(to, id, bytes);
    for (const l of this.listeners) l.output(id, bytes);
  }

  private sendOutput(ctx: ClientCtx, id: string, bytes: Uint8Array): void {
    if (ctx.output) return ctx.output(id, bytes);
    let d = this.text.get(id);
    if (!d) this.text.set(id, (d = new TextDecoder()));
    ctx.emit('terminal:data', { id, data: d.decode(bytes, { stream: true }) });
  }

  forget(id: string): void {
    this.session.delete(id);
    this.pendingRuns.delete(id);
    this.probes.cancel(id);
    this.windows.forget(id);
    this.text.delete(id);
    for (const l of this.listeners) l.forget(id);
  }

  /** The run this finished command answers, if any (tejun's marker must match where there is one). */
  pendingFor(id: string, f: FinishedCommand): PendingRun | null {
    const pending = this.pendingRuns.get(id);
    return pending && (f.runId === null || f.runId === pending.runId) ? pending : null;
  }

  /** A shell whose marks report each command gets the text itself; any other gets it inside tejun's markers. */
  marksCommands(clientId: string, terminalId: string): boolean {
    const integration = this.ptys.integration(clientId, terminalId);
    return integration === 'active' || integration === 'pending';
  }

  /** A probe goes to the terminal like any command, so it runs in the very shell the step's command will. */
  runProbe(clientId: string, terminalId: string, command: string): Promise<FinishedCommand | null> {
    if (this.marksCommands(clientId, terminalId)) {
      const done = this.probes.wait(terminalId, null);
      this.ptys.paste(clientId, terminalId, command, true);
      return done;
    }
    const runId = `p${randomBytes(4).toString('hex')}`;
    const done = this.probes.wait(terminalId, runId);
    this.ptys.runMarked(clientId, terminalId, runId, command);
    return done;
  }
}
