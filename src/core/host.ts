// The core host: the contract's handlers over real parts (files, ptys, settings). Both transports serve
// exactly this object; what differs between the desktop app and the web host is passed in as deps. It only
// composes: each domain's channels are a table in that domain's handlers.ts.
import { Buffer } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { Handlers } from '../shared/contract';
import { TejunError } from '../shared/errors';
import type { ClientCtx, CoreContext, CoreDeps } from './context';
import { evidenceHandlers } from './evidence/handlers';
import { redlineHandlers } from './evidence/redlineHandlers';
import { silentLog, type Log } from './log';
import { rehearsalHandlers } from './rehearsal/handlers';
import { Sandboxes } from './rehearsal/sandboxes';
import { runbookHandlers } from './runbook/handlers';
import { RunbookRegistry } from './runbook/registry';
import { sessionHandlers } from './session/handlers';
import { SessionStore } from './session/sessions';
import { SessionWatchers } from './session/watchers';
import { stepHandlers } from './step/handlers';
import { terminalHandlers } from './terminal/handlers';
import { TerminalLinks } from './terminal/links';
import { PtyHost } from './terminal/ptyHost';
import { Uploads } from './uploads';
import { guard } from './review/guard';
import { Invites } from './review/invites';
import { createReview, leftEvent } from './review/handlers';
import { createMirror } from './review/mirror';
import { handOver } from './terminal/windowHandlers';
import { windowDeps } from './terminal/handlers';

export type { ClientCtx, CoreDeps } from './context';

export interface CoreHost {
  handlers: Handlers<ClientCtx>;
  /** A window closed or a socket went away: end everything that client owned. */
  disconnect(clientId: string): void;
  dispose(): void;
  readonly ptys: PtyHost;
  readonly sessions: SessionStore;
  readonly log: Log;
  /** Invites and the people who joined (the invite listener admits sockets by them). */
  readonly invites: Invites;
}

/** The host's own channels: what it is, its settings, and files that arrive in chunks. */
function hostHandlers({ deps, uploads }: CoreContext) {
  return {
    'app:info': () => ({
      version: deps.version,
      transport: deps.transport,
      canPickFile: deps.pickFile !== undefined,
      rehearsal: deps.rehearsal ? { speed: deps.rehearsal.speed } : null,
      platform: process.platform,
      dataDir: deps.dataDir,
      keyProtection: deps.sealedPassphrase ? ('os' as const) : ('passphrase' as const),
    }),
    'settings:get': () => deps.settings.get(),
    'settings:update': (patch) => deps.settings.update(patch),
    'upload:begin': ({ size, sha256 }, ctx) => ({ uploadId: uploads.begin(ctx.clientId, size, sha256) }),
    'upload:chunk': ({ uploadId, offset, base64 }, ctx) => ({
      received: uploads.chunk(ctx.clientId, uploadId, offset, Buffer.from(base64, 'base64')),
    }),
    'upload:end': ({ uploadId }, ctx) => uploads.end(ctx.clientId, uploadId),
  } satisfies Pick<
    Handlers<ClientCtx>,
    'app:info' | 'settings:get' | 'settings:update' | 'upload:begin' | 'upload:chunk' | 'upload:end'
  >;
}

function createContext(deps: CoreDeps): CoreContext {
  const log = deps.log ?? silentLog();
  const ptys = new PtyHost({ onError: (err, what) => log.error({ err }, what) });
  return {
    deps,
    log,
    ptys,
    sessions: new SessionStore(deps.dataDir, Date.now, log),
    uploads: new Uploads(),
    runbooks: new RunbookRegistry(),
    sandboxes: new Sandboxes(),
    watchers: new SessionWatchers(),
    terminals: new TerminalLinks(ptys),
    invites: new Invites(),
    online: new Map(),
  };
}

/** The second pair of eyes sees the session's terminals as whole, redacted lines (core/review/mirror.ts). */
function mirrorTerminals(core: CoreContext): void {
  const mirrors = createMirror((session, id, data) => {
    const remote = core.watchers.clientsOf(session.id).filter((c) => c.remote);
    for (const c of remote) c.emit('terminal:data', { id, data });
    return remote.length > 0;
  });
  // Output arrives as bytes; a character cut between two reads waits in its terminal's decoder.
  const text = new Map<string, TextDecoder>();
  core.terminals.listeners.push({
    output: (id, bytes) => {
      const s = core.terminals.session.get(id);
      if (!s) return;
      let d = text.get(id);
      if (!d) text.set(id, (d = new TextDecoder()));
      mirrors.write(id, s, d.decode(bytes, { stream: true }));
    },
    forget: (id) => {
      mirrors.forget(id);
      text.delete(id);
    },
  });
}

/** A remote role's attempt at what it may not do: refused, and written in its session's journal. */
function refusedFor(core: CoreContext) {
  return (ctx: ClientCtx, channel: string): void => {
    const p = ctx.remote?.person;
    core.log.warn({ clientId: ctx.clientId, role: ctx.remote?.role, channel }, 'request refused for its role');
    if (p)
      void core.sessions
        .get(p.sessionId)
        .then((s) => s.record({ type: 'access-refused', by: p.name, role: p.role, channel }));
  };
}

/** A client went away: who it was (a joiner), its shells (handed to another window, or left waiting), uploads. */
function disconnectFrom(core: CoreContext, clientId: string): void {
  const { log, ptys, terminals, online, sessions } = core;
  const gone = online.get(clientId);
  online.delete(clientId);
  gone?.sockets.delete(clientId);
  if (gone && !gone.revoked) void sessions.get(gone.sessionId).then((s) => s.record(leftEvent(gone, 'dropped')));
  // A session's shells outlive the window (a reload reattaches); a shell outside any session ends with it.
  const { closed, detached } = ptys.releaseAllOf(clientId);
  for (const id of closed) terminals.forget(id);
  const waiting = handOver(windowDeps(core), detached, clientId);
  terminals.windows.dropWatcher(clientId);
  if (waiting.length)
    log.info({ clientId, terminals: waiting }, 'window gone: its session terminals keep running, detached');
  core.uploads.drop(clientId);
  core.watchers.drop(clientId);
}

export function createCoreHost(deps: CoreDeps): CoreHost {
  const core = createContext(deps);
  const { log, ptys, sessions, uploads, invites, online } = core;
  mirrorTerminals(core);
  const watch = core.watchers.watch.bind(core.watchers);
  const review = createReview({ sessions, invites, ptys, watch, online, openListener: deps.openListener });
  const handlers: Handlers<ClientCtx> = {
    ...hostHandlers(core),
    ...runbookHandlers(core),
    ...sessionHandlers(core),
    ...terminalHandlers(core),
    ...stepHandlers(core),
    ...rehearsalHandlers(core),
    ...evidenceHandlers({
      sessions,
      dataDir: deps.dataDir,
      sealedPassphrase: deps.sealedPassphrase,
      printPdf: deps.printPdf,
      uploaded: (id) => uploads.bytes(id),
      warn: (message) => log.warn({ what: 'key permissions' }, message),
    }),
    ...redlineHandlers({ sessions, dataDir: deps.dataDir }),
    ...review.handlers,
  };
  return {
    handlers: guard(logUnexpected(handlers, log), refusedFor(core)),
    ptys,
    log,
    invites,
    disconnect: (clientId) => disconnectFrom(core, clientId),
    dispose: () => {
      review.close().catch((err: unknown) => log.error({ err }, 'closing the invite listener failed'));
      ptys.dispose();
      sessions.closeAll().catch((err: unknown) => log.error({ err }, 'closing the sessions failed'));
    },
    sessions,
  };
}

/**
 * The one path for unexpected errors: a handler that fails with anything but a TejunError (a message meant
 * for the operator) is logged with its stack and the request's channel; the client still gets the message.
 */
// A TejunError is a message for the operator; one that wraps a cause (a failed spawn, export) is worth a
// stack in the log too, except a refusal after a journal failure, which the session has logged already.
const unexpected = (err: unknown): boolean =>
  !(err instanceof TejunError) ||
  err.code === 'INTERNAL' ||
  (err.cause !== undefined && err.code !== 'SESSION_READ_ONLY');

export function logUnexpected<Ctx>(handlers: Handlers<Ctx>, log: Log): Handlers<Ctx> {
  const wrapped: Record<string, (p: unknown, c: Ctx) => unknown> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (p: unknown, c: Ctx) => unknown][]) {
    wrapped[channel] = async (params, ctx) => {
      try {
        return await handler(params, ctx);
      } catch (err) {
        if (unexpected(err)) log.error({ err, channel }, 'request failed unexpectedly');
        throw err;
      }
    };
  }
  return wrapped as Handlers<Ctx>;
}
