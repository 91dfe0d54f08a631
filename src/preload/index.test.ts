// The preload exposes only the typed API, and only the contract's channels get through it.
import { describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async () => ({ ok: true, result: null }));
const on = vi.fn();
const send = vi.fn();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke, on, send, removeListener: vi.fn() },
}));

await import('./index');
const api = exposed.tejun as {
  invoke(c: string, p: unknown): Promise<unknown>;
  on(e: string, l: () => void): () => void;
  input(frame: unknown): void;
  output(l: (frame: Uint8Array) => void): () => void;
};

describe('preload bridge', () => {
  it('exposes one object with invoke, on and the terminal byte channels, nothing else', () => {
    expect(Object.keys(exposed)).toEqual(['tejun']);
    expect(Object.keys(api).sort()).toEqual(['input', 'invoke', 'on', 'output']);
  });
  it('sends keystroke frames as bytes (structured-cloned, no JSON) and refuses anything else', () => {
    const frame = Uint8Array.of(2, 2, 0x74, 0x31, 0x6c, 0x73);
    api.input(frame);
    expect(send).toHaveBeenCalledWith('terminal:input-frame', frame);
    expect(() => api.input('ls\r')).toThrowError(/frame of bytes/);
    expect(send).toHaveBeenCalledTimes(1);
  });
  it('hands output frames to the page as bytes and drops anything that is not bytes', () => {
    const got: Uint8Array[] = [];
    const off = api.output((f) => got.push(f));
    const handler = on.mock.calls.find(([ch]) => ch === 'terminal:output-frame')![1] as (
      e: unknown,
      f: unknown,
    ) => void;
    handler({}, Uint8Array.of(1, 2, 0x74, 0x31, 0x41));
    handler({}, '{"json":true}');
    expect(got).toEqual([Uint8Array.of(1, 2, 0x74, 0x31, 0x41)]);
    expect(typeof off).toBe('function');
  });
  it('forwards contract channels and rejects any other', async () => {
    await api.invoke('terminal:input', { id: 't1', data: 'x' });
    expect(invoke).toHaveBeenCalledWith('terminal:input', { id: 't1', data: 'x' });
    await expect(api.invoke('shell:exec', {})).rejects.toThrowError(/Unknown request/);
    expect(invoke).toHaveBeenCalledTimes(1);
  });
  it('subscribes to contract events only, and returns an unsubscribe function', () => {
    expect(typeof api.on('terminal:data', () => {})).toBe('function');
    expect(on).toHaveBeenCalledWith('event:terminal:data', expect.any(Function));
    expect(() => api.on('ipc:anything', () => {})).toThrowError(/Unknown event/);
  });
});
