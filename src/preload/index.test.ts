// The preload exposes only the typed API, and only the contract's channels get through it.
import { describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async () => ({ ok: true, result: null }));
const on = vi.fn();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke, on, removeListener: vi.fn() },
}));

await import('./index');
const api = exposed.tejun as {
  invoke(c: string, p: unknown): Promise<unknown>;
  on(e: string, l: () => void): () => void;
};

describe('preload bridge', () => {
  it('exposes one object with invoke and on, nothing else', () => {
    expect(Object.keys(exposed)).toEqual(['tejun']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
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
