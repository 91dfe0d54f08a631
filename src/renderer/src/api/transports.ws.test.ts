import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TejunError } from '../../../shared/errors';
import { decodeFrame, encodeFrame, FRAME_INPUT, FRAME_OUTPUT } from '../../../shared/terminalFrames';
import { createWsTransport, type ConnectionState } from './transports';

/** Only isolates the transport from a network: records what is sent and lets the test play the host. */
class FakeSocket extends EventTarget {
  static last: FakeSocket;
  binaryType = 'blob';
  sent: (string | Uint8Array)[] = [];
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    super();
    FakeSocket.last = this;
  }
  send(data: string | Uint8Array): void {
    this.sent.push(data);
  }
  open(): void {
    this.dispatchEvent(new Event('open'));
  }
  close(): void {
    this.dispatchEvent(new Event('close'));
  }
  receive(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  json(i: number): { id: number; channel: string; params: unknown } {
    return JSON.parse(this.sent[i] as string);
  }
}

const realSocket = globalThis.WebSocket;
beforeEach(() => {
  globalThis.WebSocket = FakeSocket as unknown as typeof WebSocket;
  window.history.replaceState(null, '', `/#token=${'cd'.repeat(24)}`);
});
afterEach(() => {
  globalThis.WebSocket = realSocket;
  window.sessionStorage.clear();
});

describe('the WebSocket transport', () => {
  it('offers the token as a subprotocol, on the same host, and keeps it out of the address bar', () => {
    createWsTransport(window);
    expect(FakeSocket.last.url).toBe(`ws://${window.location.host}/api`);
    expect(FakeSocket.last.protocols).toEqual(['tejun', `tejun.token.${'cd'.repeat(24)}`]);
    expect(window.location.hash).toBe('');
  });
  it('holds requests made before the socket opens and sends them once it does, in order', async () => {
    const api = createWsTransport(window);
    const info = api.invoke('app:info', {});
    const list = api.invoke('session:list', {});
    expect(FakeSocket.last.sent).toEqual([]);
    FakeSocket.last.open();
    expect([FakeSocket.last.json(0).channel, FakeSocket.last.json(1).channel]).toEqual(['app:info', 'session:list']);
    // Replies may come in any order: each goes to its own request.
    FakeSocket.last.receive(JSON.stringify({ id: FakeSocket.last.json(1).id, reply: { ok: true, result: [] } }));
    const error = { code: 'NOT_FOUND', message: 'No such thing.' };
    FakeSocket.last.receive(JSON.stringify({ id: FakeSocket.last.json(0).id, reply: { ok: false, error } }));
    await expect(list).resolves.toEqual([]);
    await expect(info).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such thing.' });
  });
  it('ignores frames that are not JSON and replies to nothing it asked', async () => {
    const api = createWsTransport(window);
    FakeSocket.last.open();
    const info = api.invoke('app:info', {});
    FakeSocket.last.receive('{not json');
    FakeSocket.last.receive(JSON.stringify({ id: 999, reply: { ok: true, result: 'stray' } }));
    FakeSocket.last.receive(JSON.stringify({ id: FakeSocket.last.json(0).id, reply: { ok: true, result: 'mine' } }));
    await expect(info).resolves.toBe('mine');
  });
  it('delivers events to their listeners until they unsubscribe, and terminal output as bytes', () => {
    const api = createWsTransport(window);
    FakeSocket.last.open();
    const got: unknown[] = [];
    const off = api.on('app:command', (p) => got.push(p));
    api.onOutput((id, bytes) => got.push({ id, data: new TextDecoder().decode(bytes) }));
    FakeSocket.last.receive(JSON.stringify({ event: 'app:command', payload: { command: 'open-runbook' } }));
    off();
    FakeSocket.last.receive(JSON.stringify({ event: 'app:command', payload: { command: 'zoom-in' } }));
    FakeSocket.last.receive(encodeFrame(FRAME_OUTPUT, 't1', new TextEncoder().encode('ok\r\n')).slice().buffer);
    expect(got).toEqual([{ command: 'open-runbook' }, { id: 't1', data: 'ok\r\n' }]);
  });
  it('sends keystrokes as binary frames without waiting for a reply', async () => {
    const api = createWsTransport(window);
    FakeSocket.last.open();
    await expect(api.invoke('terminal:input', { id: 't1', data: 'ls\r' })).resolves.toBeNull();
    const frame = decodeFrame(FakeSocket.last.sent[0] as Uint8Array);
    expect(frame).toMatchObject({ type: FRAME_INPUT, id: 't1' });
    expect(new TextDecoder().decode((frame as { payload: Uint8Array }).payload)).toBe('ls\r');
  });
  it('a lost connection fails what was waiting and what comes after, marked for the connection banner', async () => {
    const api = createWsTransport(window);
    const states: ConnectionState[] = [];
    api.onConnection((s) => states.push(s));
    FakeSocket.last.open();
    const waiting = api.invoke('app:info', {});
    FakeSocket.last.close();
    await expect(waiting).rejects.toBeInstanceOf(TejunError);
    await expect(waiting).rejects.toMatchObject({ field: 'connection' });
    await expect(api.invoke('app:info', {})).rejects.toMatchObject({ field: 'connection' });
    expect(states).toEqual(['connecting', 'open', 'lost']);
  });
  it('a socket the host turns away before it opens is "refused", not "lost"', () => {
    const api = createWsTransport(window);
    const states: ConnectionState[] = [];
    api.onConnection((s) => states.push(s));
    FakeSocket.last.close();
    expect(states).toEqual(['connecting', 'refused']);
  });
});
