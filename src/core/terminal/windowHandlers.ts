// The terminal channels about windows rather than bytes: a reloaded or second window of a session
// finds its shells again, a closed view leaves them running, the start screen lists those nobody came
// back to (with what runs in them) and ends one when asked, and a window takes the keyboard back.
import type { Handlers, Result } from '../../shared/contract';
import type { ClientCtx } from '../host';
import type { PtyHost } from './ptyHost';
import type { TerminalWindows } from './terminalWindows';

/** How long a detached shell waits before the start screen lists it (a reload reattaches well within it). */
export const DETACHED_GRACE_MS = 30_000;

interface Deps {
  ptys: PtyHost;
  windows: TerminalWindows;
  /** The session a terminal belongs to, and the step whose command runs in it (if any). */
  sessionOf(id: string): { id: string; title: string } | null;
  runningStep(id: string): string | null;
  /** The shell is gone: core forgets what it kept about it. */
  forget(id: string): void;
  graceMs: number;
}

type WindowChannels = 'terminal:detach' | 'terminal:waiting' | 'terminal:end' | 'terminal:takeover';
type Created = Result<'terminal:create'>;

/**
 * A window of the session asks for its tab's shell: a detached one (same name first), else the same-named one
 * another window holds, whose keyboard it takes (both then show the output). Null when there is none.
 */
export function reattach(d: Deps, group: string, name: string | undefined, ctx: ClientCtx): Created | null {
  const waiting = d.ptys.detachedOf(group);
  const found = waiting.find((w) => w.name === name) ?? waiting[0];
  if (found) {
    const a = d.ptys.attach(ctx.clientId, found.id);
    d.windows.hold(found.id, ctx);
    return { id: found.id, shell: a.shell, pid: a.pid, name: a.name, integration: a.integration, replay: a.replay };
  }
  const held = d.ptys.attachedOf(group).find((t) => t.name === name && t.owner !== ctx.clientId);
  if (!held) return null;
  const a = d.ptys.takeOver(ctx.clientId, held.id);
  d.windows.hold(held.id, ctx);
  return { id: held.id, shell: a.shell, pid: a.pid, name: a.name, integration: a.integration, replay: a.replay };
}

/** A window leaves a terminal: the last window watching it takes the keyboard, or the shell waits detached. */
export function leave(d: Deps, id: string, clientId: string): void {
  const { next, held } = d.windows.leave(id, clientId);
  if (!held) return;
  if (next) d.ptys.takeOver(next.clientId, id);
  else d.ptys.detach(clientId, id);
}

/** A window went away (its session shells were detached): hand each to a window still watching it. */
export function handOver(d: Deps, detached: string[], clientId: string): string[] {
  const waiting: string[] = [];
  for (const id of detached) {
    const { next } = d.windows.leave(id, clientId);
    if (next) d.ptys.attach(next.clientId, id);
    else waiting.push(id);
  }
  return waiting;
}

export function windowHandlers(d: Deps): Pick<Handlers<ClientCtx>, WindowChannels> {
  return {
    'terminal:detach': ({ id }, ctx) => {
      if (d.windows.holderOf(id)?.clientId === ctx.clientId || d.windows.isWatching(id, ctx.clientId))
        leave(d, id, ctx.clientId);
      return null;
    },
    'terminal:waiting': () =>
      d.ptys.waiting(d.graceMs).flatMap((t) => {
        const s = d.sessionOf(t.id);
        if (!s) return [];
        const { group: _group, ...rest } = t;
        return [{ ...rest, sessionId: s.id, title: s.title, step: d.runningStep(t.id) }];
      }),
    'terminal:end': ({ id }) => {
      d.ptys.end(id);
      d.forget(id);
      return null;
    },
    'terminal:takeover': ({ id }, ctx) => {
      if (!d.windows.isWatching(id, ctx.clientId)) return null;
      d.ptys.takeOver(ctx.clientId, id);
      d.windows.hold(id, ctx);
      return null;
    },
  };
}
