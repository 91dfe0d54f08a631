// A Chromium driven over the DevTools protocol with nothing but Runtime, Input and HeapProfiler: for the
// benchmarks that must see the browser as an operator's is. Playwright enables the Network domain on every
// page it drives, so each WebSocket frame is copied, base64-encoded and sent to the driving process as an
// event; a terminal streaming 10 MB/s then costs the page, the browser and the driving process (in the
// terminal bench, the host itself) what no operator's browser pays. Here no domain that records traffic is
// ever enabled.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';

/** The system Chromium where there is one (this machine's), else Playwright's own. */
export function chromiumExecutable() {
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync) ?? chromium.executablePath();
}

const KEYS = {
  Enter: { code: 'Enter', keyCode: 13, text: '\r' },
  Backspace: { code: 'Backspace', keyCode: 8 },
  Escape: { code: 'Escape', keyCode: 27 },
};

/** One key as Input.dispatchKeyEvent wants it: 'a', 'Enter', 'Control+C'. */
function keyEvent(combo) {
  const parts = combo.split('+');
  const key = parts.pop();
  const ctrl = parts.includes('Control');
  const named = KEYS[key];
  if (named) return { key, code: named.code, windowsVirtualKeyCode: named.keyCode, text: named.text, modifiers: 0 };
  const upper = key.toUpperCase();
  const code = /[a-z]/i.test(key) ? `Key${upper}` : /[0-9]/.test(key) ? `Digit${key}` : '';
  return {
    key,
    code,
    windowsVirtualKeyCode: upper.charCodeAt(0),
    // A control key sends no text: the terminal reads its keyCode (Ctrl+C → ETX).
    ...(ctrl ? { modifiers: 2 } : { text: key, unmodifiedText: key, modifiers: 0 }),
  };
}

class BarePage {
  constructor(socket) {
    this.socket = socket;
    this.nextId = 1;
    this.waiting = new Map();
    this.listeners = new Map();
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw));
      if (msg.method) for (const cb of this.listeners.get(msg.method) ?? []) cb(msg.params);
      const w = msg.id && this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      if (msg.error) w.reject(new Error(`${w.method}: ${msg.error.message}`));
      else w.resolve(msg.result);
    });
  }

  /** A DevTools event (only the domains this file enables: Page, and what a caller starts, e.g. Tracing). */
  on(method, cb) {
    this.listeners.set(method, [...(this.listeners.get(method) ?? []), cb]);
  }

  send(method, params = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, method });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Run `fn(arg)` in the page and return its (awaited, JSON) value. */
  async evaluate(fn, arg) {
    const expression = `(${fn})(${JSON.stringify(arg ?? null)})`;
    const r = await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails)
      throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  }

  /** Resolve once `fn(arg)` is truthy in the page (checked every `everyMs`), with its value. */
  async waitFor(fn, arg, { everyMs = 20, timeoutMs = 30_000 } = {}) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await this.evaluate(fn, arg);
      if (v) return v;
      if (Date.now() > until) throw new Error(`waited ${timeoutMs} ms for ${String(fn).slice(0, 80)}`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }

  async press(combo) {
    const e = keyEvent(combo);
    await this.send('Input.dispatchKeyEvent', { type: e.text ? 'keyDown' : 'rawKeyDown', ...e });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...e, text: undefined, unmodifiedText: undefined });
  }

  async type(text) {
    for (const ch of text) await this.send('Input.insertText', { text: ch });
  }

  async click(x, y) {
    for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased'])
      await this.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1 });
  }

  /** The page's JS heap after a full GC, in bytes. */
  async heapAfterGc() {
    await this.send('HeapProfiler.collectGarbage');
    return (await this.send('Runtime.getHeapUsage')).usedSize;
  }

  close() {
    this.socket.close();
  }
}

/** Start Chromium headless; `open(url)` gives a page driven over its own DevTools socket. */
export async function launchBare({ width = 1400, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'tejun-bare-chromium-'));
  const proc = spawn(
    chromiumExecutable(),
    [
      '--headless',
      '--no-sandbox',
      '--no-first-run',
      '--hide-scrollbars',
      '--mute-audio',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
      `--window-size=${width},${height}`,
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    // Its own process group, so that closing ends every Chromium process, not only the browser's.
    { stdio: 'ignore', detached: true },
  );
  // Chromium is in its own process group, so it outlives a bench that throws or is interrupted: a crashed run
  // left its browsers and renderers behind, and they loaded the machine for the next measurement. Whatever way
  // this process ends, the group goes with it.
  const killGroup = () => {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(profile, { recursive: true, force: true });
  };
  process.once('exit', killGroup);
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => {
      killGroup();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  const portFile = join(profile, 'DevToolsActivePort');
  const until = Date.now() + 20_000;
  while (!existsSync(portFile) || !readFileSync(portFile, 'utf8').includes('\n')) {
    if (Date.now() > until) throw new Error('Chromium did not open its DevTools port within 20 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = Number(readFileSync(portFile, 'utf8').split('\n')[0]);
  return {
    /** A new tab at `url`; `initScript` (a function) runs in it before the page's own scripts. */
    async open(url, { initScript } = {}) {
      const res = await fetch(`http://127.0.0.1:${port}/json/new?about:blank`, { method: 'PUT' });
      const target = await res.json();
      const socket = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 0 });
      await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
      const page = new BarePage(socket);
      await page.send('Page.enable');
      // As a window the operator works in: focused (headless tabs are not, and Playwright emulates it too).
      await page.send('Emulation.setFocusEmulationEnabled', { enabled: true });
      if (initScript) await page.send('Page.addScriptToEvaluateOnNewDocument', { source: `(${initScript})()` });
      if (url === 'about:blank') return page;
      await page.send('Page.navigate', { url });
      await page.waitFor(() => location.href !== 'about:blank' && document.readyState === 'complete', null, {
        timeoutMs: 20_000,
      });
      return page;
    },
    close() {
      proc.once('exit', () => rmSync(profile, { recursive: true, force: true, maxRetries: 5 }));
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        proc.kill('SIGKILL');
      }
    },
  };
}
