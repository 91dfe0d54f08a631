// What core knows about each terminal beyond its pty: the session it belongs to, the step command it was
// asked to run, a target probe waiting for its answer, and the window its output goes to (none while it is
// detached). A closed terminal reports nothing more (no exit either): what core kept about it goes with it.
import { randomBytes } from 'node:crypto';
import type { ClientCtx } from '../context';
import type { OpenSession } from '../session/sessions';
import type { FinishedCommand } from './commandTracker';
import type { PtyHost } from './ptyHost';
import { ProbeWaits } from './targetProbe';

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
  readonly attached = new Map<string, ClientCtx>();

  constructor(private readonly ptys: PtyHost) {}

  forget(id: string): void {
    this.session.delete(id);
    this.pendingRuns.delete(id);
    this.probes.cancel(id);
    this.attached.delete(id);
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
