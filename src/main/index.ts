// Electron main: setup in order, read top to bottom. The window is thin; all the work is in core.
import { app, BrowserWindow, dialog, Menu, powerSaveBlocker, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { createCoreHost } from '../core/host';
import { createLog, logUncaught } from '../core/log';
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

app.whenReady().then(() => {
  // Services
  const initialRunbookPath = runbookFromArgv(process.argv);
  const dataDir = process.env.TEJUN_DATA_DIR ?? join(app.getPath('userData'));
  const log = createLog(dataDir);
  logUncaught(log);
  logChildGone(app, log);
  log.info({ version: app.getVersion() }, 'desktop app started');
  const core = createCoreHost({
    version: app.getVersion(),
    transport: 'electron',
    dataDir,
    log,
    settings: createElectronSettings(),
    pickFile: async (ctx) => {
      const win = BrowserWindow.getAllWindows().find((w) => `window-${w.webContents.id}` === ctx.clientId);
      const opts = {
        title: 'Open runbook',
        properties: ['openFile' as const],
        filters: [{ name: 'Runbooks', extensions: ['md', 'markdown', 'txt'] }],
      };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    ...(initialRunbookPath ? { initialRunbookPath } : {}),
    ...(rehearsalFromArgv(process.argv) ? { rehearsal: rehearsalFromArgv(process.argv)! } : {}),
    sealedPassphrase: sealedPassphrases(join(dataDir, 'keys', 'sealed'), safeStorage),
    printPdf: (html) =>
      printHtmlToPdf(
        html,
        () =>
          new BrowserWindow({
            show: false,
            webPreferences: {
              javascript: false,
              sandbox: true,
              contextIsolation: true,
              nodeIntegration: false,
              offscreen: true,
            },
          }),
      ),
  });

  // Security: deny every permission request (camera, notifications are asked for explicitly later).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  // Setup RPC
  registerIpc(core, (e) => BrowserWindow.fromWebContents(e.sender), rendererUrl, log);

  // Window and menu
  const win = createMainWindow();
  const clientId = clientFor(win).clientId;
  logRendererGone(win.webContents, log);
  win.on('closed', () => core.disconnect(clientId));

  // Closing with a release under way asks first: the shells (and what runs in them) end with the window.
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

  // While a session is under way the machine must not sleep.
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
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(process.platform, (command) => {
        const target = BrowserWindow.getFocusedWindow() ?? win;
        if (!target.isDestroyed()) target.webContents.send(eventChannel('app:command'), { command });
      }),
    ),
  );

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
