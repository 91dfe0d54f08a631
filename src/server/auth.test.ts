import { describe, expect, it } from 'vitest';
import { legacyRedirect, newToken, offersAppProtocol, originAllowed, protocolToken, tokenMatches } from './auth';
import { resolveStatic } from './static';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('web host auth', () => {
  it('makes long random tokens', () => {
    const a = newToken();
    expect(a).toMatch(/^[0-9a-f]{48}$/);
    expect(newToken()).not.toBe(a);
  });
  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
  });
  it('accepts only its own origin', () => {
    expect(originAllowed('http://127.0.0.1:7780', 7780)).toBe(true);
    expect(originAllowed('http://localhost:7780', 7780)).toBe(true);
    expect(originAllowed('http://127.0.0.1:7781', 7780)).toBe(false);
    expect(originAllowed('http://evil.example', 7780)).toBe(false);
    expect(originAllowed('null', 7780)).toBe(false);
    expect(originAllowed(undefined, 7780)).toBe(false);
  });
  it('reads the token from the socket subprotocols, never echoing it', () => {
    expect(protocolToken('tejun, tejun.token.abc')).toBe('abc');
    expect(protocolToken(['tejun', 'tejun.token.xyz'])).toBe('xyz');
    expect(protocolToken('tejun')).toBeNull();
    expect(protocolToken(undefined)).toBeNull();
    expect(offersAppProtocol('tejun.token.abc')).toBe(false);
    expect(offersAppProtocol('tejun.token.abc, tejun')).toBe(true);
  });
  it('sends an old ?token= address to a fixed path, whatever path it came with', () => {
    const t = 'a'.repeat(48);
    expect(legacyRedirect(new URL(`http://h/.//evil.example/?token=${t}`), t)).toBe(`/#token=${t}`);
    expect(legacyRedirect(new URL(`http://h//evil.example/x?token=${t}`), t)).toBe(`/#token=${t}`);
    expect(legacyRedirect(new URL('http://h/?token=wrong'), t)).toBe('/');
    expect(legacyRedirect(new URL('http://h/assets/a.js'), t)).toBeNull();
  });
});

describe('resolveStatic', () => {
  const root = mkdtempSync(join(tmpdir(), 'tejun-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), 'x');
  writeFileSync(join(root, 'assets', 'a.js'), 'x');
  it('serves files inside the folder', () => {
    expect(resolveStatic(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStatic(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
  });
  it('never leaves the folder', () => {
    for (const p of [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/../../x',
      '/%00',
      '/%E0%A4%A',
      '/assets',
    ]) {
      expect(resolveStatic(root, p)).toBeNull();
    }
  });
});
