// The invite listener's certificate: made once with selfsigned (a maintained library, no hand-made ASN.1),
// kept owner-only in the data folder, so the code read aloud stays the same from one night to the next.
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface InviteCert {
  cert: string;
  key: string;
  /** SHA-256 of the certificate's DER, hex lower-case: what browsers show as its SHA-256 fingerprint. */
  sha256: string;
}

const sha256Of = (pem: string): string => new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();

/** Still usable for at least a day: an expired certificate is replaced (and its code changes). */
function fresh(pem: string): boolean {
  try {
    return Date.parse(new X509Certificate(pem).validTo) - Date.now() > 24 * 60 * 60 * 1000;
  } catch {
    return false;
  }
}

export async function inviteCert(dataDir: string, address: string): Promise<InviteCert> {
  const dir = join(dataDir, 'invite');
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
  if (existsSync(certFile) && existsSync(keyFile)) {
    if ((statSync(keyFile).mode & 0o077) !== 0) chmodSync(keyFile, 0o600);
    const cert = readFileSync(certFile, 'utf8');
    if (fresh(cert)) return { cert, key: readFileSync(keyFile, 'utf8'), sha256: sha256Of(cert) };
  }
  const ips = [...new Set([address, '127.0.0.1'])].filter((a) => a !== '0.0.0.0' && a !== '::');
  const pems = await generate([{ name: 'commonName', value: 'tejun invite' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 397 * 24 * 60 * 60 * 1000),
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [{ type: 2, value: 'localhost' }, ...ips.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(certFile, pems.cert, { mode: 0o644 });
  return { cert: pems.cert, key: pems.private, sha256: sha256Of(pems.cert) };
}
