// The IPC bridge with Electron replaced by a recorder: every contract channel is registered, senders are checked.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (event: unknown, params: unknown) => Promise<unknown>>();
const listeners = new Map<string, (event: unknown, frame: unknown) => void>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (ch: string, fn: (event: unknown, params: unknown) => Promise<unknown>) => handlers.set(ch, fn),
    on: (ch: string, fn: (event: unknown, frame: unknown) => void) => listeners.set(ch, fn),
  },
}));

const { registerIpc } = await import('./ipc');
const { createLog, logFile } = await import('../core/log');
const { mkdtempSync, readFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { CHANNELS } = await import('../shared/contract');
const { decodeFrame, encodeFrame, FRAME_INPUT, FRAME_OUTPUT, IPC_TERMINAL_INPUT, IPC_TERMINAL_OUTPUT } =
  await import('../shared/terminalFrames');

const APP = 'file:///app/out/renderer/index.html';
const sender = { mainFrame: {} };
function fakeEvent(url: string, mainFrame = true) {
  const frame = { url };
  if (mainFrame) sender.mainFrame = frame;
  return { senderFrame: frame, sender: mainFrame ? sender : { mainFrame: {} } };
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

  it('takes keystrokes as binary frames, decoding UTF-8 cut across two frames, from the app window only', () => {
    const input = listeners.get(IPC_TERMINAL_INPUT)!;
    const bytes = new TextEncoder().encode('echo デプロイ\r');
    input(fakeEvent(APP), encodeFrame(FRAME_INPUT, 't2', bytes.subarray(0, 7)));
    input(fakeEvent(APP), encodeFrame(FRAME_INPUT, 't2', bytes.subarray(7)));
    input(fakeEvent('https://evil.example/'), encodeFrame(FRAME_INPUT, 't2', new TextEncoder().encode('rm -rf ~\r')));
    input(fakeEvent(APP), 'not bytes');
    input(fakeEvent(APP), encodeFrame(FRAME_OUTPUT, 't2', new TextEncoder().encode('spoofed output')));
    const typed = (seen as [{ data: string }, string][]).map(([p]) => p.data).join('');
    expect(typed).toBe('echo デプロイ\r');
    expect((seen as [unknown, string][]).every(([, client]) => client === 'window-7')).toBe(true);
  });
  it('sends terminal output to the window as a binary frame, not an event', async () => {
    const { clientFor } = await import('./ipc');
    fakeWindow.webContents.send.mockClear();
    clientFor(fakeWindow as never).output!('t5', new TextEncoder().encode('done\r\n'));
    const [channel, frame] = fakeWindow.webContents.send.mock.calls[0] as [string, Uint8Array];
    expect(channel).toBe(IPC_TERMINAL_OUTPUT);
    expect(frame).toBeInstanceOf(Uint8Array);
    expect(decodeFrame(frame)).toEqual({ type: FRAME_OUTPUT, id: 't5', payload: new TextEncoder().encode('done\r\n') });
  });
});
