import { describe, expect, it } from 'vitest';
import { encodeFrame, FRAME_INPUT, FRAME_OUTPUT } from '../../../shared/terminalFrames';
import { outputDecoder, takeToken } from './transports';

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
  it('decodes UTF-8 cut across frames per terminal, and drops what is not an output frame', () => {
    const got: [string, string][] = [];
    const feed = outputDecoder((id, data) => got.push([id, data]));
    const bytes = new TextEncoder().encode('デプロイ完了\r\n');
    feed(encodeFrame(FRAME_OUTPUT, 't1', bytes.subarray(0, 4)));
    feed(encodeFrame(FRAME_OUTPUT, 't2', new TextEncoder().encode('other')));
    feed(encodeFrame(FRAME_OUTPUT, 't1', bytes.subarray(4)));
    feed(encodeFrame(FRAME_INPUT, 't1', new TextEncoder().encode('typed')));
    feed(Uint8Array.of(0x09, 1));
    expect(
      got
        .filter(([id]) => id === 't1')
        .map(([, d]) => d)
        .join(''),
    ).toBe('デプロイ完了\r\n');
    expect(got).toContainEqual(['t2', 'other']);
    expect(got.some(([, d]) => d.includes('typed') || d.includes('\ufffd'))).toBe(false);
  });
});
