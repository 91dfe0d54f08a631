// The core host: the contract's handlers over real parts (files, ptys, settings). Both transports serve
// exactly this object; what differs between the desktop app and the web host is passed in as deps.
import { Buffer } from 'node:buffer';
import type { AppInfo, Emit, Handlers } from '../shared/contract';
import { TejunError } from '../shared/errors';
import type { RunbookDoc } from '../shared/runbook';
import { rememberRunbook } from '../shared/settings';
import { describeRunbook, readRunbookFile } from './runbook/load';
import type { SettingsStore } from './settings/settingsStore';
import { PtyHost } from './terminal/ptyHost';

export interface ClientCtx {
  clientId: string;
  emit: Emit;
}

export interface CoreDeps {
  version: string;
  transport: AppInfo['transport'];
  dataDir: string;
  settings: SettingsStore;
  /** The native file dialog, where there is one. Resolves to a path or null when cancelled. */
  pickFile?: (ctx: ClientCtx) => Promise<string | null>;
  /** The runbook named on the command line. */
  initialRunbookPath?: string;
}

export interface CoreHost {
  handlers: Handlers<ClientCtx>;
  /** A window closed or a socket went away: end everything that client owned. */
  disconnect(clientId: string): void;
  dispose(): void;
  readonly ptys: PtyHost;
}

export function createCoreHost(deps: CoreDeps): CoreHost {
  const ptys = new PtyHost();

  const openPath = async (path: string): Promise<RunbookDoc> => {
    const doc = await readRunbookFile(path);
    const s = deps.settings.get();
    deps.settings.update({ recentRunbooks: rememberRunbook(s.recentRunbooks, doc.path ?? path, doc.title, new Date()) });
    return doc;
  };

  const handlers: Handlers<ClientCtx> = {
    'app:info': () => ({
      version: deps.version,
      transport: deps.transport,
      canPickFile: deps.pickFile !== undefined,
      platform: process.platform,
      dataDir: deps.dataDir,
    }),
    'settings:get': () => deps.settings.get(),
    'settings:update': (patch) => deps.settings.update(patch),
    'runbook:current': async () => (deps.initialRunbookPath ? openPath(deps.initialRunbookPath) : null),
    'runbook:openPath': ({ path }) => openPath(path),
    'runbook:openBytes': ({ name, base64 }) => describeRunbook(Buffer.from(base64, 'base64'), name),
    'runbook:pick': async (_p, ctx) => {
      if (!deps.pickFile) throw new TejunError('UNSUPPORTED', 'This host has no file dialog. Use the file picker or drop the runbook onto the window.');
      const path = await deps.pickFile(ctx);
      return path ? openPath(path) : null;
    },
    'terminal:create': ({ cols, rows }, ctx) =>
      ptys.create(ctx.clientId, cols, rows, {
        data: (id, data) => ctx.emit('terminal:data', { id, data }),
        exit: (id, exitCode, signal) => ctx.emit('terminal:exit', { id, exitCode, signal }),
      }),
    'terminal:input': ({ id, data }, ctx) => {
      ptys.write(ctx.clientId, id, data);
      return null;
    },
    'terminal:resize': ({ id, cols, rows }, ctx) => {
      ptys.resize(ctx.clientId, id, cols, rows);
      return null;
    },
    'terminal:close': ({ id }, ctx) => {
      ptys.close(ctx.clientId, id);
      return null;
    },
  };

  return {
    handlers,
    ptys,
    disconnect: (clientId) => ptys.closeAllOf(clientId),
    dispose: () => ptys.dispose(),
  };
}
