import { describe, expect, it } from 'vitest';
import { confusable, mixedScript, normalName, skeleton } from './names';

describe('signer names', () => {
  it('compares names in NFC: a decomposed name is the same name', () => {
    const composed = 'José Müller';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(normalName(decomposed)).toBe(composed);
    expect(normalName('ガ'.normalize('NFD'))).toBe('ガ');
  });

  it('finds a look-alike made with a Cyrillic letter, and flags it as mixed-script', () => {
    const fake = 'Sat\u043e'; // Cyrillic о
    expect(confusable(fake, 'Sato')).toBe(true);
    expect(skeleton(fake)).toBe(skeleton('Sato'));
    expect(mixedScript(fake)).toBe(true);
    expect(mixedScript('Sato')).toBe(false);
  });

  it('does not flag Japanese names, which mix kanji and kana by nature', () => {
    expect(mixedScript('佐藤 花子')).toBe(false);
    expect(mixedScript('山田 タロウ')).toBe(false);
    expect(mixedScript('さとう はなこ')).toBe(false);
    expect(mixedScript('김민준')).toBe(false);
  });

  it('does not call two different names confusable', () => {
    expect(confusable('佐藤', '加藤')).toBe(false);
    expect(confusable('Sato', 'Saito')).toBe(false);
    expect(confusable('Sato', 'Sato')).toBe(false);
  });
});
