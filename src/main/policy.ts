// The desktop shell's security policy as plain data and pure functions, so it is unit-tested without Electron.

/** Set explicitly, even where they are Electron's defaults, so a reader (and electronegativity) sees them. */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  /** Middle-click must not open links in new windows. */
  disableBlinkFeatures: 'Auxclick',
} as const;

/** Only web links leave the app, and only to the system browser: never file:, javascript: or custom schemes. */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** IPC is answered only for the app's own page in its own main frame. */
export function isTrustedSender(sender: { url: string; isMainFrame: boolean } | null, appUrl: string): boolean {
  if (!sender || !sender.isMainFrame) return false;
  try {
    const got = new URL(sender.url);
    const want = new URL(appUrl);
    if (want.protocol === 'file:') return got.protocol === 'file:' && got.pathname === want.pathname;
    return got.origin === want.origin;
  } catch {
    return false;
  }
}

/** `--runbook FILE` or a bare .md path on the desktop app's command line. */
export function runbookFromArgv(argv: readonly string[]): string | undefined {
  const i = argv.indexOf('--runbook');
  if (i >= 0 && argv[i + 1]) return argv[i + 1];
  return argv
    .slice(1)
    .find((a, i, rest) => /\.(md|markdown|txt)$/i.test(a) && !a.startsWith('-') && rest[i - 1] !== '--plan');
}

/** `--rehearse [--speed N] [--plan FILE]`: the desktop app starts straight into a rehearsal. */
export function rehearsalFromArgv(argv: readonly string[]): { speed: number; plan?: string } | undefined {
  if (!argv.includes('--rehearse')) return undefined;
  const at = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const speed = Number(at('--speed') ?? 1);
  const plan = at('--plan');
  return { speed: [1, 5, 10, 60].includes(speed) ? speed : 1, ...(plan ? { plan } : {}) };
}

/** The question asked before a window with a release under way is closed. Button 1 closes. */
export function closeQuestion(live: readonly string[]): {
  type: 'warning';
  buttons: string[];
  defaultId: number;
  cancelId: number;
  message: string;
  detail: string;
} {
  return {
    type: 'warning',
    buttons: ['Keep working', 'Close anyway'],
    defaultId: 0,
    cancelId: 0,
    message: `A release session is under way: ${live.join(', ')}.`,
    detail:
      'Closing ends the terminals and anything still running in them. Everything recorded so far is kept, and the session resumes when tejun is opened again.',
  };
}
