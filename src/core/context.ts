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
import type { RemoteCaller } from './review/guard';
import type { Invites, Person } from './review/invites';
import type { OpenListener } from './review/handlers';

export interface ClientCtx {
  clientId: string;
  emit: Emit;
  /** Someone who came through an invite (their role, their key); absent for the operator at the host. */
  remote?: RemoteCaller;
  /** Terminal output as bytes (a binary frame on the socket, a Uint8Array over IPC); else a `terminal:data` event. */
  output?: (id: string, bytes: Uint8Array) => void;
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
  /** How long a detached shell waits before the start screen lists it (default 30 s, or $TEJUN_DETACHED_GRACE_MS). */
  detachedGraceMs?: number;
  /** `tejun rehearse`: start straight into a rehearsal at this speed, with this plan file. */
  rehearsal?: { speed: number; plan?: string };
  /** The desktop app keeps each person's key passphrase sealed by the OS keychain (safeStorage). */
  sealedPassphrase?: (name: string) => Promise<string>;
  /** The desktop app prints with Electron's printToPDF; elsewhere a headless Chromium prints. */
  printPdf?: (html: string) => Promise<Uint8Array>;
  /** The host's log (<dataDir>/logs/tejun.log); none in tests that do not look at it. */
  log?: Log;
  /** Starts the invite listener (server/invite.ts); without it, inviting is refused as unsupported. */
  openListener?: OpenListener;
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
  /** Invites and the people who joined; who is online, by client id. */
  invites: Invites;
  online: Map<string, Person>;
}

/** The session a client works in, watched by that client from now on. */
export async function watchedSession(core: CoreContext, sessionId: string, ctx: ClientCtx): Promise<OpenSession> {
  return core.watchers.watch(await core.sessions.get(sessionId), ctx);
}
