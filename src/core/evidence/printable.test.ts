import { describe, expect, it } from 'vitest';
import { printable } from './printable';

describe('printable', () => {
  it('escapes terminal escape codes, so a title cannot print a fake green OK', () => {
    const title = 'Release\x1b[2K\r\x1b[32mOK: everything verifies\x1b[0m';
    const shown = printable(title);
    expect(shown).toBe('Release\\x1b[2K\\r\\x1b[32mOK: everything verifies\\x1b[0m');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point here
    expect(shown).not.toMatch(/[\x00-\x1f\x7f]/);
  });

  it('escapes bidi overrides and isolates, C1 controls and invisible separators', () => {
    expect(printable('a\u202eb\u2066c\u2069')).toBe('a\\u202eb\\u2066c\\u2069');
    expect(printable('x\u009by\u200bz\u2028')).toBe('x\\x9by\\u200bz\\u2028');
  });

  it('keeps Japanese, emoji and ordinary punctuation as they are', () => {
    expect(printable('リリース手順 ✅ 👩‍💻 — "OK"')).toBe('リリース手順 ✅ 👩\\u200d💻 — "OK"');
    expect(printable('佐藤 花子')).toBe('佐藤 花子');
  });

  it('escapes a lone surrogate but keeps a pair', () => {
    expect(printable('a\ud800b')).toBe('a\\ud800b');
    expect(printable('😀')).toBe('😀');
  });
});
