// The terminal channels of the contract: create (or reattach a session's shell), input, resize, ack, close;
// and what a finished command in a session's terminal puts in its journal.
import { join } from 'node:path';
import type { Handlers } from '../../shared/contract';
import type { ClientCtx, CoreContext } from '../context';
import { rehearsalComparison, summarizeShims } from '../rehearsal/verdict';
import { drainBlocked, drainShimLog, shellWrap } from '../rehearsal/sandbox';
import type { OpenSession } from '../session/sessions';
import { commandRunEvent, findStepCommand } from '../session/stepCommands';
import type { FinishedCommand } from './commandTracker';
import { compareOutput } from './compare';
import type { CreateOptions, TerminalSink } from './ptyHost';
import { DETACHED_GRACE_MS, reattach as reattachShell, windowHandlers } from './windowHandlers';

type TerminalChannels =
  | 'terminal:create'
  | 'terminal:input'
  | 'terminal:resize'
  | 'terminal:ack'
  | 'terminal:close'
  | 'terminal:detach'
  | 'terminal:waiting'
  | 'terminal:end'
  | 'terminal:takeover';
type Transcript = Parameters<NonNullable<TerminalSink['command']>>[2];

/** A finished command in a session's terminal: a step's run (compared with what was expected) or the operator's. */
function recordFinished(core: CoreContext, id: string, f: FinishedCommand, transcript: Transcript): void {
  const s = core.terminals.session.get(id);
  if (!s || s.readOnly) return;
  // In a rehearsal, what the shims answered during this command goes into the journal first.
  const sb = core.sandboxes.of(s);
  const calls = sb ? drainShimLog(sb) : [];
  for (const call of calls) void s.record(call);
  if (core.terminals.probes.take(id, f)) return;
  const ran = core.terminals.pendingFor(id, f);
  if (sb) for (const b of drainBlocked(sb, ran?.stepId ?? null, ran?.commandId ?? null)) void s.record(b);
  if (!ran) {
    void s.record({
      type: 'shell-command',
      terminal: id,
      commandLine: f.commandLine.slice(0, 4000),
      startedAt: f.startedAt,
      endedAt: f.endedAt,
      exitCode: f.exitCode,
      output: f.output.slice(-4096),
      truncated: f.truncated || f.output.length > 4096,
      transcript,
    });
    return;
  }
  core.terminals.pendingRuns.delete(id);
  const { step, command } = findStepCommand(s, ran.stepId, ran.commandId);
  const comparison = sb
    ? rehearsalComparison(step, command, f.output, f.exitCode, summarizeShims(calls))
    : compareOutput(step, command, f.output, f.exitCode);
  void s.record(
    commandRunEvent(
      { stepId: step.id, commandId: command.id, terminal: id, text: ran.text },
      f,
      transcript,
      comparison,
    ),
  );
}

/** Output, exit and status go to whichever window holds the terminal now (none while it is detached). */
function sinkFor(core: CoreContext): TerminalSink {
  const { windows } = core.terminals;
  return {
    data: (id, bytes) => core.terminals.output(id, bytes),
    exit: (id, exitCode, signal) => {
      for (const to of windows.all(id)) to.emit('terminal:exit', { id, exitCode, signal });
      core.terminals.forget(id);
    },
    status: (id, integration, detail) => {
      for (const to of windows.all(id)) to.emit('terminal:status', { id, integration, detail });
    },
    command: (id, f, transcript) => recordFinished(core, id, f, transcript),
  };
}

function optionsFor(core: CoreContext, session: OpenSession | null, name: string | undefined): CreateOptions {
  const recorded = session && !session.readOnly;
  const sandbox = session ? core.sandboxes.of(session) : null;
  return {
    ...(recorded ? { transcriptDir: join(session.dir, 'terminals'), redactor: () => session.secrets.redactor() } : {}),
    ...(name ? { name } : {}),
    ...(recorded ? { group: session.id } : {}),
    // A rehearsal terminal: shims first on PATH, production settings inert. Inside the OS sandbox where there is one.
    ...(sandbox ? { env: sandbox.env, wrap: shellWrap(sandbox) } : {}),
  };
}

/** What the window channels (reattach, detach, the start screen's list, takeover) need of this host. */
export function windowDeps(core: CoreContext) {
  const { ptys, terminals } = core;
  return {
    ptys,
    windows: terminals.windows,
    forget: (id: string) => terminals.forget(id),
    graceMs: core.deps.detachedGraceMs ?? (Number(process.env.TEJUN_DETACHED_GRACE_MS) || DETACHED_GRACE_MS),
    sessionOf: (id: string) => {
      const s = terminals.session.get(id);
      return s ? { id: s.id, title: s.doc.model.title } : null;
    },
    runningStep: (id: string) => {
      const run = terminals.pendingRuns.get(id);
      const s = terminals.session.get(id);
      return run && s ? findStepCommand(s, run.stepId, run.commandId).step.title : null;
    },
  };
}

export function terminalHandlers(core: CoreContext): Pick<Handlers<ClientCtx>, TerminalChannels> {
  const { ptys, sessions, terminals } = core;
  return {
    'terminal:create': async (p, ctx) => {
      const session = p.sessionId ? await sessions.get(p.sessionId) : null;
      // A reloaded, reopened or second window of the session gets its shell back (the one running, with its output).
      const again = session && p.reattach ? reattachShell(windowDeps(core), session.id, p.name, ctx) : null;
      if (again) {
        ptys.resize(ctx.clientId, again.id, p.cols, p.rows);
        return again;
      }
      const created = ptys.create(ctx.clientId, p.cols, p.rows, sinkFor(core), optionsFor(core, session, p.name));
      if (session) terminals.session.set(created.id, session);
      terminals.windows.hold(created.id, ctx);
      return created;
    },
    'terminal:ack': ({ id, chars, ms }, ctx) => {
      ptys.ack(ctx.clientId, id, chars, ms);
      return null;
    },
    'terminal:input': ({ id, data }, ctx) => {
      ptys.write(ctx.clientId, id, data);
      return null;
    },
    'terminal:resize': ({ id, cols, rows }, ctx) => {
      ptys.resize(ctx.clientId, id, cols, rows);
      return null;
    },
    ...windowHandlers(windowDeps(core)),
    'terminal:close': ({ id }, ctx) => {
      ptys.close(ctx.clientId, id);
      terminals.forget(id);
      return null;
    },
  };
}
