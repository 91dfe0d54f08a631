// What the domains' handler tables share inside one core host: the host's parts (sessions, ptys, uploads),
// the runbooks opened lately, each rehearsal session's sandbox, which clients watch which session, and what
// core knows about each terminal. `createCoreHost` builds one and hands it to every table.
import type { AppInfo, Emit } from '../shared/contract';
import type { Log } from './log';
import type { RunbookRegistry } from './runbook/registry';
import type { Sandboxes } from './rehearsal/sandboxes';
import type { SessionWatchers } from './session/watchers';
import type { OpenSession, SessionStore } from './session/sessions';
import type { SettingsStore } from './settings/settingsStore';
import type { PtyHost } from './terminal/ptyHost';
import type { TerminalLinks } from './terminal/links';
import type { Uploads } from './uploads';

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
  /** `tejun rehearse`: start straight into a rehearsal at this speed, with this plan file. */
  rehearsal?: { speed: number; plan?: string };
  /** The desktop app keeps each person's key passphrase sealed by the OS keychain (safeStorage). */
  sealedPassphrase?: (name: string) => Promise<string>;
  /** The desktop app prints with Electron's printToPDF; elsewhere a headless Chromium prints. */
  printPdf?: (html: string) => Promise<Uint8Array>;
  /** The host's log (<dataDir>/logs/tejun.log); none in tests that do not look at it. */
  log?: Log;
}

export interface CoreContext {
  deps: CoreDeps;
  log: Log;
  ptys: PtyHost;
  sessions: SessionStore;
  uploads: Uploads;
  runbooks: RunbookRegistry;
  sandboxes: Sandboxes;
  watchers: SessionWatchers;
  terminals: TerminalLinks;
}

/** The session a client works in, watched by that client from now on. */
export async function watchedSession(core: CoreContext, sessionId: string, ctx: ClientCtx): Promise<OpenSession> {
  return core.watchers.watch(await core.sessions.get(sessionId), ctx);
}
