// The desktop app's key protection: each person's signing-key passphrase is random, made on first
// use, and stored only as ciphertext sealed by the OS keychain (Electron safeStorage). Nobody types
// it; someone who copies the data folder to another machine cannot open the key.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export function sealedPassphrases(dir: string, safe: SafeStorageLike): (name: string) => Promise<string> {
  return async (name) => {
    if (!safe.isEncryptionAvailable())
      throw new Error(
        'The OS keychain is not available, so the signing key cannot be protected. Unlock the keychain (or log in to the desktop session) and try again.',
      );
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${Buffer.from(name.normalize('NFC')).toString('hex').slice(0, 120)}.sealed`);
    if (existsSync(file)) return safe.decryptString(readFileSync(file));
    const pass = randomBytes(32).toString('base64');
    writeFileSync(file, safe.encryptString(pass), { mode: 0o600, flag: 'wx' });
    return pass;
  };
}

/** Print self-contained HTML to PDF in an offscreen window with nothing enabled. */
export interface PdfWindow {
  loadURL(url: string): Promise<void>;
  webContents: { printToPDF(opts: { printBackground: boolean; pageSize: 'A4' }): Promise<Buffer> };
  destroy(): void;
}

export async function printHtmlToPdf(html: string, makeWindow: () => PdfWindow): Promise<Uint8Array> {
  const win = makeWindow();
  try {
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    win.destroy();
  }
}
