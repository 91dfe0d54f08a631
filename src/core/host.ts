// The core host: the contract's handlers over real parts (files, ptys, settings). Both transports serve
// exactly this object; what differs between the desktop app and the web host is passed in as deps. It only
// composes: each domain's channels are a table in that domain's handlers.ts.
import { Buffer } from 'node:buffer';
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

export type { ClientCtx, CoreDeps } from './context';

export interface CoreHost {
  handlers: Handlers<ClientCtx>;
  /** A window closed or a socket went away: end everything that client owned. */
  disconnect(clientId: string): void;
  dispose(): void;
  readonly ptys: PtyHost;
  readonly sessions: SessionStore;
  readonly log: Log;
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
  };
}

export function createCoreHost(deps: CoreDeps): CoreHost {
  const core = createContext(deps);
  const { log, ptys, sessions, uploads, terminals } = core;
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
  };
  return {
    handlers: logUnexpected(handlers, log),
    ptys,
    log,
    disconnect: (clientId) => {
      // A session's shells outlive the window (a reload reattaches); a shell outside any session ends with it.
      const { closed, detached } = ptys.releaseAllOf(clientId);
      for (const id of closed) terminals.forget(id);
      for (const id of detached) terminals.attached.delete(id);
      if (detached.length)
        log.info({ clientId, terminals: detached }, 'window gone: its session terminals keep running, detached');
      uploads.drop(clientId);
      core.watchers.drop(clientId);
    },
    dispose: () => {
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
