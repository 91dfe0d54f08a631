import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printHtmlToPdf, sealedPassphrases } from './keychain';

const fakeSafe = (available = true) => ({
  isEncryptionAvailable: () => available,
  encryptString: (s: string) => Buffer.from(s, 'utf8').reverse(),
  decryptString: (b: Buffer) => Buffer.from(b).reverse().toString('utf8'),
});

describe('sealedPassphrases', () => {
  it('makes one random passphrase per person, stores it sealed, and gives the same one back', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tejun-kc-')), 'sealed');
    const get = sealedPassphrases(dir, fakeSafe());
    const a = await get('山田');
    expect(a).toHaveLength(44);
    expect(await get('山田')).toBe(a);
    expect(await get('佐藤')).not.toBe(a);
  });
  it('refuses when the keychain is locked, saying what to do', async () => {
    await expect(sealedPassphrases(mkdtempSync(join(tmpdir(), 'tejun-kc-')), fakeSafe(false))('x')).rejects.toThrow(
      /keychain is not available/,
    );
  });
});

describe('printHtmlToPdf', () => {
  it('loads the HTML as a data URL, prints A4 with backgrounds, and always closes the window', async () => {
    const calls: string[] = [];
    const pdf = await printHtmlToPdf('<p>x</p>', () => ({
      loadURL: async (u) => void calls.push(u.slice(0, 30)),
      webContents: { printToPDF: async (o) => (calls.push(JSON.stringify(o)), Buffer.from('%PDF')) },
      destroy: () => void calls.push('destroyed'),
    }));
    expect(Buffer.from(pdf).toString()).toBe('%PDF');
    expect(calls).toEqual(['data:text/html;charset=utf-8;b', '{"printBackground":true,"pageSize":"A4"}', 'destroyed']);
  });
});
