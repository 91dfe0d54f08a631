// The one app window, locked down: no navigation, no new windows, web links to the system browser only.
import { BrowserWindow, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { isSafeExternalUrl } from './policy';

const here = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));

export function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return dev ?? new URL('../renderer/index.html', import.meta.url).href;
}

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#0f1419',
    title: 'tejun',
    icon: here('../../resources/icon.png'),
    // Written out literally (not spread from policy.ts) so scanners and reviewers see them; window.test.ts
    // checks they equal WEB_PREFERENCES.
    webPreferences: {
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
      disableBlinkFeatures: 'Auxclick',
      preload: here('../preload/index.cjs'),
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(rendererUrl());
  return win;
}
