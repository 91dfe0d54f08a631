// The joiner's signing key: Ed25519 made by WebCrypto as non-extractable, so the private half never
// leaves this browser. It is kept in IndexedDB (a CryptoKey is stored as is, still non-extractable), so a
// reload or a dropped connection signs with the same key that was registered at join.
import { reviewPayload, type Signed } from '../../../../shared/review';

const DB = 'tejun-joiner';
const STORE = 'keys';

function db(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB is not available'));
  });
}

async function idb<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const d = await db();
  return new Promise((resolve, reject) => {
    const req = run(d.transaction(STORE, mode).objectStore(STORE));
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB failed'));
  });
}

const b64 = (buf: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(buf)));

/** A new key pair; returns the public key (SPKI, base64) to register at join. */
export async function makeKey(): Promise<{ pair: CryptoKeyPair; spki: string }> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  return { pair, spki: b64(await crypto.subtle.exportKey('spki', pair.publicKey)) };
}

export const keepKey = (id: string, key: CryptoKey): Promise<unknown> => idb('readwrite', (s) => s.put(key, id));
export const loadKey = (id: string): Promise<CryptoKey | undefined> => idb('readonly', (s) => s.get(id));

/** The signature core checks before it journals the decision. */
export async function signDecision(key: CryptoKey, signed: Signed): Promise<string> {
  const bytes = new TextEncoder().encode(reviewPayload(signed));
  return b64(await crypto.subtle.sign({ name: 'Ed25519' }, key, bytes));
}
