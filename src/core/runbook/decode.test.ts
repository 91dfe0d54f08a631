import { describe, expect, it } from 'vitest';
import { MAX_RUNBOOK_BYTES } from '../../shared/runbook';
import { decodeRunbook } from './decode';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeRunbook', () => {
  it('reads UTF-8 and drops a BOM', () => {
    expect(decodeRunbook(enc('\uFEFF# 手順'), 'a.md')).toEqual({ text: '# 手順', encoding: 'utf-8' });
  });
  it('recognises Shift_JIS, which Japanese teams often save in', () => {
    // "# 手順" in Shift_JIS
    const sjis = new Uint8Array([0x23, 0x20, 0x8e, 0xe8, 0x8f, 0x87]);
    expect(decodeRunbook(sjis, 'a.md')).toEqual({ text: '# 手順', encoding: 'shift_jis' });
  });
  it('reads UTF-16 with a BOM', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x23, 0x00, 0x20, 0x00, 0x41, 0x00]);
    expect(decodeRunbook(bytes, 'a.md')).toEqual({ text: '# A', encoding: 'utf-16le' });
  });
  it('refuses binary files, naming the file', () => {
    expect(() => decodeRunbook(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), 'logo.png')).toThrowError(
      /logo\.png: this is a binary file/,
    );
  });
  it('refuses files over the size limit without decoding them', () => {
    const big = new Uint8Array(MAX_RUNBOOK_BYTES + 1);
    expect(() => decodeRunbook(big, 'huge.md')).toThrowError(/huge\.md: the file is 8\.0 MB/);
  });
  it('names the first line that is not text in any known encoding', () => {
    const bytes = new Uint8Array([...enc('# ok\nfine\n'), 0x80, 0xff, 0xfe, 0x0a]);
    expect(() => decodeRunbook(bytes, 'bad.md')).toThrowError(/bad\.md: line 3: the text is neither UTF-8/);
  });
  it('accepts an empty file (the loader reports it)', () => {
    expect(decodeRunbook(new Uint8Array(), 'empty.md')).toEqual({ text: '', encoding: 'utf-8' });
  });
});
