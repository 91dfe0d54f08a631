import { describe, expect, it } from 'vitest';
import { takeToken } from './transports';

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
    sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as Storage,
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
