// @vitest-environment jsdom
// The controller against a recording transport: output reaches xterm's parser as bytes and is
// acknowledged in 100 KB steps, not per frame; dispose closes the shell and leaves no listener behind.
import { describe, expect, it, vi } from 'vitest';
import { ACK_STEP } from '../../../../shared/terminalFrames';
import type { OutputListener, Transport } from '../../api/transports';
import { TerminalController } from './terminalController';

globalThis.ResizeObserver ??= class {
  observe(): void {}
  disconnect(): void {}
} as unknown as typeof ResizeObserver;
// jsdom has neither: what xterm asks of them to open.
window.matchMedia ??= (() => ({ addListener() {}, removeListener() {}, matches: false })) as never;
HTMLCanvasElement.prototype.getContext = (() => null) as never;

function recordingApi() {
  const calls: [string, unknown][] = [];
  const outputs = new Set<OutputListener>();
  const events = new Map<string, Set<unknown>>();
  const api = {
    invoke: vi.fn(async (channel: string, params: unknown) => {
      calls.push([channel, params]);
      if (channel === 'terminal:create') return { id: 't4', shell: 'bash', pid: 1, name: 'x', integration: 'active' };
      return null;
    }),
    on: (event: string, l: unknown) => {
      const set = events.get(event) ?? new Set();
      events.set(event, set);
      set.add(l);
      return () => set.delete(l);
    },
    onOutput: (l: OutputListener) => (outputs.add(l), () => outputs.delete(l)),
    onConnection: () => () => {},
  };
  const listening = () => outputs.size + [...events.values()].reduce((n, s) => n + s.size, 0);
  const emit = (id: string, bytes: Uint8Array) => outputs.forEach((l) => l(id, bytes));
  const fire = (event: string, payload: unknown) =>
    events.get(event)?.forEach((l) => (l as (p: unknown) => void)(payload));
  return { api: api as unknown as Transport, calls, listening, emit, fire };
}

function controller(api: Transport, sessionId: string | null = 's1') {
  const host = document.createElement('div');
  document.body.appendChild(host);
  return new TerminalController({
    api,
    host,
    name: 'Shell 1',
    sessionId,
    fontSize: 14,
    theme: {},
    renderer: 'dom',
    onChange: () => {},
    onFind: () => {},
    onError: (e) => {
      throw e;
    },
    copyOnSelect: () => false,
  });
}

const parsed = (c: TerminalController) => new Promise<void>((r) => c.term.write('', r));

describe('TerminalController', () => {
  it('asks for the session’s shell back, writes its bytes to xterm, and acknowledges per 100 KB step', async () => {
    const r = recordingApi();
    const c = controller(r.api);
    await vi.waitFor(() =>
      expect(r.calls[0]).toEqual(['terminal:create', expect.objectContaining({ reattach: true })]),
    );
    await vi.waitFor(() => expect(c.term.element?.parentElement?.dataset.terminalId).toBe('t4'));
    const frame = new TextEncoder().encode('x'.repeat(16 * 1024));
    for (let i = 0; i < 20; i++) r.emit('t4', frame);
    r.emit('t9', frame);
    await parsed(c);
    const acks = r.calls.filter(([ch]) => ch === 'terminal:ack').map(([, p]) => (p as { chars: number }).chars);
    // 20 frames, 320 KiB: three requests, not twenty: two full steps, then the rest once xterm caught up.
    expect(acks.length).toBe(3);
    expect(acks.slice(0, 2).every((n) => n >= ACK_STEP)).toBe(true);
    expect(acks.reduce((a, b) => a + b, 0)).toBe(20 * frame.length);
    // Each says how long output waited here to be parsed: core sizes the window from it.
    const waited = r.calls.filter(([ch]) => ch === 'terminal:ack').map(([, p]) => (p as { ms: number }).ms);
    expect(waited.every((ms) => typeof ms === 'number' && ms >= 0)).toBe(true);
    expect(c.term.buffer.active.getLine(0)?.translateToString(true)).toMatch(/^x+$/);
    // A keystroke's echo, caught up but tiny, asks for nothing.
    r.emit('t4', new TextEncoder().encode('a'));
    await parsed(c);
    expect(r.calls.filter(([ch]) => ch === 'terminal:ack').length).toBe(3);
    c.dispose();
  });

  it('dispose releases every listener and leaves a session’s shell running, detached; ignores what comes after', async () => {
    const r = recordingApi();
    const c = controller(r.api);
    await vi.waitFor(() => expect(r.calls.length).toBe(1));
    await new Promise((res) => setTimeout(res, 0));
    expect(r.listening()).toBeGreaterThan(0);
    c.dispose();
    expect(r.calls).toContainEqual(['terminal:detach', { id: 't4' }]);
    expect(r.calls.some(([ch]) => ch === 'terminal:close')).toBe(false);
    expect(r.listening()).toBe(0);
    c.dispose();
    expect(r.calls.filter(([ch]) => ch === 'terminal:detach').length).toBe(1);
    expect(() => r.emit('t4', new Uint8Array([0x41]))).not.toThrow();
  });

  it('a shell outside a session ends with its view', async () => {
    const r = recordingApi();
    const c = controller(r.api, null);
    await vi.waitFor(() => expect(r.calls.length).toBe(1));
    await new Promise((res) => setTimeout(res, 0));
    c.dispose();
    expect(r.calls).toContainEqual(['terminal:close', { id: 't4' }]);
  });

  it('does not type while another window of the session holds the keyboard', async () => {
    const r = recordingApi();
    const changes: unknown[] = [];
    const host = document.createElement('div');
    document.body.appendChild(host);
    const c = new TerminalController({
      api: r.api,
      host,
      name: '1',
      sessionId: 's1',
      fontSize: 14,
      theme: {},
      renderer: 'dom',
      onChange: (p) => changes.push(p),
      onFind: () => {},
      onError: () => {},
      copyOnSelect: () => false,
    });
    await vi.waitFor(() => expect(host.dataset.terminalId).toBe('t4'));
    r.fire('terminal:typing', { id: 't4', typing: false });
    c.term.input('ls\r');
    expect(r.calls.some(([ch]) => ch === 'terminal:input')).toBe(false);
    expect(changes).toContainEqual({ typing: false });
    r.fire('terminal:typing', { id: 't4', typing: true });
    c.term.input('ls\r');
    expect(r.calls).toContainEqual(['terminal:input', { id: 't4', data: 'ls\r' }]);
    c.dispose();
  });
});
