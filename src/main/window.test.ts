// The window as Electron would build it, with Electron replaced by a recorder.
import { describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;
const created: { options: Record<string, unknown>; on: Map<string, Handler>; openHandler?: Handler }[] = [];
const openExternal = vi.fn();

vi.mock('electron', () => ({
  shell: { openExternal },
  BrowserWindow: class {
    webContents: unknown;
    constructor(options: Record<string, unknown>) {
      const rec: (typeof created)[number] = { options, on: new Map() };
      created.push(rec);
      this.webContents = {
        on: (ev: string, fn: Handler) => rec.on.set(ev, fn),
        setWindowOpenHandler: (fn: Handler) => (rec.openHandler = fn),
      };
    }
    once() {}
    loadURL() {
      return Promise.resolve();
    }
  },
}));

const { createMainWindow } = await import('./window');
const { WEB_PREFERENCES } = await import('./policy');

describe('createMainWindow', () => {
  createMainWindow();
  const win = created[0]!;

  it('uses exactly the locked-down web preferences, plus the preload', () => {
    const { preload, ...prefs } = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toEqual(WEB_PREFERENCES);
    expect(String(preload)).toMatch(/preload[/\\]index\.cjs$/);
  });
  it('prevents navigation away from the app', () => {
    for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      win.on.get(ev)!({ preventDefault });
      expect(preventDefault).toHaveBeenCalled();
    }
  });
  it('denies new windows, sending only web links to the system browser', () => {
    expect(win.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(win.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/']]);
  });
});
