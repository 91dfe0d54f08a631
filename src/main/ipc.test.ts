// The IPC bridge with Electron replaced by a recorder: every contract channel is registered, senders are checked.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (event: unknown, params: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: { handle: (ch: string, fn: (event: unknown, params: unknown) => Promise<unknown>) => handlers.set(ch, fn) },
}));

const { registerIpc } = await import('./ipc');
const { createLog, logFile } = await import('../core/log');
const { mkdtempSync, readFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { CHANNELS } = await import('../shared/contract');

const APP = 'file:///app/out/renderer/index.html';
function fakeEvent(url: string, mainFrame = true) {
  const frame = { url };
  return { senderFrame: frame, sender: { mainFrame: mainFrame ? frame : {} } };
}
const fakeWindow = { isDestroyed: () => false, webContents: { id: 7, send: vi.fn() } };

describe('registerIpc', () => {
  const seen: unknown[] = [];
  beforeEach(() => {
    handlers.clear();
    seen.length = 0;
    const core = {
      handlers: new Proxy(
        {},
        { get: () => (params: unknown, ctx: { clientId: string }) => (seen.push([params, ctx.clientId]), { ok: 1 }) },
      ),
    };
    registerIpc(
      core as never,
      () => fakeWindow as never,
      () => APP,
    );
  });

  it('registers exactly the contract channels', () => {
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });
  it('dispatches a valid request from the app window', async () => {
    const reply = await handlers.get('terminal:close')!(fakeEvent(APP), { id: 't1' });
    expect(reply).toEqual({ ok: true, result: { ok: 1 } });
    expect(seen).toEqual([[{ id: 't1' }, 'window-7']]);
  });
  it('refuses a sub-frame or a foreign page, without reaching core', async () => {
    expect(await handlers.get('terminal:close')!(fakeEvent(APP, false), { id: 't1' })).toMatchObject({ ok: false });
    expect(await handlers.get('terminal:close')!(fakeEvent('https://evil.example/'), { id: 't1' })).toMatchObject({
      ok: false,
    });
    expect(seen).toEqual([]);
  });
  it('refuses malformed params naming the field', async () => {
    expect(await handlers.get('terminal:resize')!(fakeEvent(APP), { id: 't1', cols: -1, rows: 2 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', field: 'cols' },
    });
  });
  it('logs a refused request with the page that sent it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-ipclog-'));
    registerIpc(
      { handlers: {} } as never,
      () => fakeWindow as never,
      () => APP,
      createLog(dir),
    );
    await handlers.get('terminal:close')!(fakeEvent('https://evil.example/'), { id: 't1' });
    const line = JSON.parse(readFileSync(logFile(dir), 'utf8').trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 40, channel: 'terminal:close', url: 'https://evil.example/' });
  });
});
