// Electron main: setup in order, read top to bottom. The window is thin; all the work is in core.
import { app, BrowserWindow, dialog, Menu, powerSaveBlocker, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { createCoreHost, type CoreHost } from '../core/host';
import { createLog, logUncaught, type Log } from '../core/log';
import { clientFor, eventChannel, registerIpc } from './ipc';
import { printHtmlToPdf, sealedPassphrases } from './keychain';
import { logChildGone, logRendererGone } from './logging';
import { menuTemplate } from './menu';
import { closeQuestion, rehearsalFromArgv, runbookFromArgv } from './policy';
import { createElectronSettings } from './settings';
import { createMainWindow, rendererUrl } from './window';

// One instance: a second launch focuses the first instead of starting a second release session.
if (!app.requestSingleInstanceLock()) app.quit();

app.enableSandbox();

/** The native open dialog, over the window that asked. */
async function pickRunbook(clientId: string): Promise<string | null> {
  const win = BrowserWindow.getAllWindows().find((w) => `window-${w.webContents.id}` === clientId);
  const opts = {
    title: 'Open runbook',
    properties: ['openFile' as const],
    filters: [{ name: 'Runbooks', extensions: ['md', 'markdown', 'txt'] }],
  };
  const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

/** PDFs print in a hidden window with no script. */
const printWindow = (): BrowserWindow =>
  new BrowserWindow({
    show: false,
    webPreferences: {
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      offscreen: true,
    },
  });

function createCore(dataDir: string, log: Log): CoreHost {
  const initialRunbookPath = runbookFromArgv(process.argv);
  const rehearsal = rehearsalFromArgv(process.argv);
  return createCoreHost({
    version: app.getVersion(),
    transport: 'electron',
    dataDir,
    log,
    settings: createElectronSettings(),
    pickFile: (ctx) => pickRunbook(ctx.clientId),
    ...(initialRunbookPath ? { initialRunbookPath } : {}),
    ...(rehearsal ? { rehearsal } : {}),
    sealedPassphrase: sealedPassphrases(join(dataDir, 'keys', 'sealed'), safeStorage),
    printPdf: (html) => printHtmlToPdf(html, printWindow),
  });
}

/** Closing with a release under way asks first: the shells (and what runs in them) end with the window. */
function askBeforeClosing(win: BrowserWindow, core: CoreHost): void {
  let confirmedClose = false;
  win.on('close', (event) => {
    if (confirmedClose) return;
    event.preventDefault();
    void core.sessions.live().then((live) => {
      const ok = live.length === 0 || dialog.showMessageBoxSync(win, closeQuestion(live)) === 1;
      if (ok) {
        confirmedClose = true;
        win.close();
      }
    });
  });
}

/** While a session is under way the machine must not sleep. */
function keepAwakeWhileLive(core: CoreHost): void {
  let blocker: number | null = null;
  const keepAwake = setInterval(() => {
    void core.sessions.live().then((live) => {
      if (live.length && blocker === null) blocker = powerSaveBlocker.start('prevent-app-suspension');
      if (!live.length && blocker !== null) {
        powerSaveBlocker.stop(blocker);
        blocker = null;
      }
    });
  }, 5000);
  app.on('will-quit', () => clearInterval(keepAwake));
}

function setMenu(win: BrowserWindow): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(process.platform, (command) => {
        const target = BrowserWindow.getFocusedWindow() ?? win;
        if (!target.isDestroyed()) target.webContents.send(eventChannel('app:command'), { command });
      }),
    ),
  );
}

app.whenReady().then(() => {
  // Services
  const dataDir = process.env.TEJUN_DATA_DIR ?? join(app.getPath('userData'));
  const log = createLog(dataDir);
  logUncaught(log);
  logChildGone(app, log);
  log.info({ version: app.getVersion() }, 'desktop app started');
  const core = createCore(dataDir, log);

  // Security: deny every permission request (camera, notifications are asked for explicitly later).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  // Setup RPC
  registerIpc(core, (e) => BrowserWindow.fromWebContents(e.sender), rendererUrl, log);

  // Window and menu
  const win = createMainWindow();
  const clientId = clientFor(win).clientId;
  logRendererGone(win.webContents, log);
  win.on('closed', () => core.disconnect(clientId));
  askBeforeClosing(win, core);
  keepAwakeWhileLive(core);
  setMenu(win);

  app.on('second-instance', () => {
    if (!win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  // Clean up
  app.on('window-all-closed', () => {
    core.dispose();
    app.quit();
  });
  app.on('before-quit', () => core.dispose());
});
