// Signing keys: one Ed25519 pair per person, made with Node's crypto on first use. The private key is
// stored encrypted (PKCS#8, AES-256-CBC under a passphrase): in the web host and the CLI the person
// types it; the desktop app keeps a random passphrase sealed by the OS keychain (safeStorage).
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KEY_READ, readRegularFileSync } from '../files';

export interface PublicIdentity {
  /** SPKI, PEM. */
  publicKey: string;
  /** SHA256:<base64> of the SPKI DER, as ssh-keygen prints it: short enough to read out on the phone. */
  fingerprint: string;
}

export function fingerprintOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

/** Why a signature's key does not hold together (unreadable, or its fingerprint is another key's), or null. */
export function keyProblem(sig: { publicKey: string; fingerprint: string }): string | null {
  let fp: string;
  try {
    fp = fingerprintOf(sig.publicKey);
  } catch {
    return 'the public key is not readable.';
  }
  return fp === sig.fingerprint ? null : 'the fingerprint does not belong to its public key.';
}

/** A file name for a person's key: their name kept readable, anything odd replaced. */
export function keyFileName(name: string): string {
  const safe =
    name
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}._-]+/gu, '_')
      .slice(0, 80) || 'key';
  return `${safe}.ed25519.pem`;
}

export class KeyError extends Error {}

export function createKey(file: string, passphrase: string): PublicIdentity {
  if (passphrase.length < 8)
    throw new KeyError('The passphrase must be at least 8 characters: it protects your signing key at rest.');
  if (existsSync(file))
    throw new KeyError(`${file} already exists; it is not overwritten. Use it, or move it away to make a new key.`);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase },
  });
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, privateKey, { mode: 0o600, flag: 'wx' });
  writeFileSync(file.replace(/\.pem$/, '') + '.pub.pem', publicKey, { mode: 0o644 });
  return { publicKey, fingerprint: fingerprintOf(publicKey) };
}

/** A private key others can read is made owner-only (0600, its folder 0700); returns what was changed. */
export function tightenKey(file: string): string[] {
  const changed: string[] = [];
  for (const [path, want] of [
    [file, 0o600],
    [dirname(file), 0o700],
  ] as const) {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) === 0) continue;
    chmodSync(path, mode & ~0o077 & want);
    changed.push(`${path} (was ${mode.toString(8)})`);
  }
  return changed;
}

export function loadKey(
  file: string,
  passphrase: string,
  warn: (message: string) => void = () => {},
): { key: KeyObject; identity: PublicIdentity } {
  if (!existsSync(file))
    throw new KeyError(
      `No signing key at ${file}. Create one first (the app does on first sign-off; the CLI with \`tejun sign … --new-key\`).`,
    );
  const tightened = tightenKey(file);
  if (tightened.length) warn(`The signing key was readable by others; made owner-only: ${tightened.join(', ')}`);
  const pem = readRegularFileSync(file, KEY_READ).toString('utf8');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem', passphrase });
  } catch {
    throw new KeyError(`The passphrase does not open ${file}. Try again; nothing was signed.`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new KeyError(`${file} is a ${key.asymmetricKeyType ?? 'unknown'} key; tejun signs with Ed25519 keys.`);
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  return { key, identity: { publicKey, fingerprint: fingerprintOf(publicKey) } };
}

/** Load the person's key, making it on first use. */
export function keyFor(
  dir: string,
  name: string,
  passphrase: string,
  warn?: (message: string) => void,
): { key: KeyObject; identity: PublicIdentity; created: boolean } {
  const file = join(dir, keyFileName(name));
  const created = !existsSync(file);
  if (created) createKey(file, passphrase);
  return { ...loadKey(file, passphrase, warn), created };
}

export function signBytes(key: KeyObject, data: Uint8Array): string {
  return sign(null, data, key).toString('base64');
}

/** Node reads base64 and PEM leniently (a stray character is skipped); evidence accepts only the one spelling. */
const exactBase64 = (s: string): Buffer | null => {
  const b = Buffer.from(s, 'base64');
  return b.toString('base64') === s ? b : null;
};

export function verifyBytes(publicKeyPem: string, data: Uint8Array, signature: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    const sig = exactBase64(signature);
    if (!sig || key.export({ type: 'spki', format: 'pem' }).toString() !== publicKeyPem) return false;
    return verify(null, data, key, sig);
  } catch {
    return false;
  }
}
