import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, FRAME_INPUT, FRAME_OUTPUT, INPUT_FRAME_BYTES } from '../../../shared/terminalFrames';
import { createIpcTransport, outputFrames, takeToken, type PreloadBridge } from './transports';

/** Just the parts of a window takeToken touches: an address, a history, a session storage. */
function fakeWindow(href: string) {
  const url = new URL(href);
  const store = new Map<string, string>();
  const win = {
    location: url as unknown as Location,
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, to: string) => {
        const next = new URL(to, url);
        url.hash = next.hash;
        url.pathname = next.pathname;
        url.search = next.search;
      },
    } as unknown as History,
    sessionStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    } as Storage,
  };
  return win;
}

describe('the token in the address', () => {
  const token = 'ab'.repeat(24);
  it('moves from the fragment to session storage and leaves the address bar', () => {
    const win = fakeWindow(`http://127.0.0.1:7780/#token=${token}`);
    expect(takeToken(win)).toBe(token);
    expect(String(win.location)).toBe('http://127.0.0.1:7780/');
    // A reload finds it in session storage.
    expect(takeToken(win)).toBe(token);
  });
  it('takes nothing that is not a token', () => {
    const win = fakeWindow('http://127.0.0.1:7780/#token=<script>');
    expect(takeToken(win)).toBeNull();
    expect(win.location.hash).toBe('#token=%3Cscript%3E');
  });
});

describe('output frames', () => {
  it('hands each terminal its bytes, a character cut across frames included, and drops what is not output', () => {
    const got = new Map<string, Uint8Array[]>();
    const feed = outputFrames((id, bytes) => got.set(id, [...(got.get(id) ?? []), bytes]));
    const bytes = new TextEncoder().encode('デプロイ完了\r\n');
    feed(encodeFrame(FRAME_OUTPUT, 't1', bytes.subarray(0, 4)));
    feed(encodeFrame(FRAME_OUTPUT, 't2', new TextEncoder().encode('other')));
    feed(encodeFrame(FRAME_OUTPUT, 't1', bytes.subarray(4)));
    feed(encodeFrame(FRAME_INPUT, 't1', new TextEncoder().encode('typed')));
    feed(Uint8Array.of(0x09, 1));
    // What xterm does with them: one streaming UTF-8 decode per terminal.
    const text = (id: string) => {
      const d = new TextDecoder('utf-8', { fatal: true });
      return (got.get(id) ?? []).map((b) => d.decode(b, { stream: true })).join('') + d.decode();
    };
    expect(text('t1')).toBe('デプロイ完了\r\n');
    expect(text('t2')).toBe('other');
    expect([...got.keys()].sort()).toEqual(['t1', 't2']);
  });
});

describe('the desktop transport', () => {
  function bridge() {
    const sent: Uint8Array[] = [];
    const invoked: string[] = [];
    let deliver: ((f: Uint8Array) => void) | null = null;
    const b: PreloadBridge = {
      invoke: async (channel) => (invoked.push(channel), { ok: true, result: null }),
      on: () => () => {},
      input: (frame) => void sent.push(frame),
      output: (l) => ((deliver = l), () => (deliver = null)),
    };
    return { b, sent, invoked, deliver: (f: Uint8Array) => deliver?.(f) };
  }
  it('sends keystrokes as binary frames over IPC, never as an invoke, a 16 MB paste in 64 KiB frames', async () => {
    const { b, sent, invoked } = bridge();
    const api = createIpcTransport(b);
    await api.invoke('terminal:input', { id: 't3', data: 'ls\r' });
    expect(invoked).toEqual([]);
    // Compared as text: jsdom's Uint8Array is another realm's, so toEqual would not match the bytes themselves.
    const first = decodeFrame(sent[0]!);
    expect(first).toMatchObject({ type: FRAME_INPUT, id: 't3' });
    expect(new TextDecoder().decode((first as { payload: Uint8Array }).payload)).toBe('ls\r');
    const paste = '移行 ✓ '.repeat((16 * 1024 * 1024) / 12);
    await api.invoke('terminal:input', { id: 't3', data: paste });
    const frames = sent.slice(1).map((f) => decodeFrame(f));
    expect(frames.length).toBe(Math.ceil(new TextEncoder().encode(paste).length / INPUT_FRAME_BYTES));
    const d = new TextDecoder('utf-8', { fatal: true });
    const back = frames.map((f) => ('payload' in f ? d.decode(f.payload, { stream: true }) : '')).join('');
    expect(back + d.decode()).toBe(paste);
  });
  it('delivers output frames from IPC as bytes to the terminal they name', async () => {
    const { b, deliver } = bridge();
    const api = createIpcTransport(b);
    const got: [string, string][] = [];
    const off = api.onOutput((id, bytes) => got.push([id, new TextDecoder().decode(bytes)]));
    deliver(encodeFrame(FRAME_OUTPUT, 't1', new TextEncoder().encode('ok\r\n')));
    deliver(encodeFrame(FRAME_INPUT, 't1', new TextEncoder().encode('not output')));
    off();
    deliver(encodeFrame(FRAME_OUTPUT, 't1', new TextEncoder().encode('after')));
    expect(got).toEqual([['t1', 'ok\r\n']]);
  });
});
