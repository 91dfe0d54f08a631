// A remote person's signature: made in their browser by a non-extractable WebCrypto Ed25519 key over
// reviewPayload(), checked here before anything is journaled, and again by `tejun verify`.
import { createHash, createHmac, createPublicKey } from 'node:crypto';
import { reviewPayload, type PersonSignature, type Signed } from '../../shared/review';
import { fingerprintOf, keyProblem, verifyBytes } from '../evidence/keys';

/** The public key a browser exported (SPKI, base64) as PEM; null when it is not an Ed25519 key. */
export function publicKeyFromSpki(spkiBase64: string): { publicKey: string; fingerprint: string } | null {
  try {
    const der = Buffer.from(spkiBase64, 'base64');
    if (der.toString('base64') !== spkiBase64 || der.length > 200) return null;
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return null;
    const publicKey = key.export({ type: 'spki', format: 'pem' }).toString();
    return { publicKey, fingerprint: fingerprintOf(publicKey) };
  } catch {
    return null;
  }
}

/** Why a signed decision does not hold, or null when it does. */
export function signatureProblem(signed: Signed, sig: PersonSignature): string | null {
  const bad = keyProblem(sig);
  if (bad) return bad;
  const ok = verifyBytes(sig.publicKey, Buffer.from(reviewPayload(signed), 'utf8'), sig.value);
  return ok ? null : 'the signature does not verify.';
}

/**
 * What a confirmation is bound to. The plain SHA-256 of the rendered text when it holds no secret (anyone
 * can recompute it from the journal); with a secret in it, the masked text and an HMAC of the real one
 * under a key that lives only in this host's memory, so the journal never carries a guessable hash of a
 * password, and a changed secret still voids the confirmation.
 */
export function bindingHash(rendered: string, shown: string, secretKey: Buffer): string {
  if (rendered === shown) return createHash('sha256').update(rendered, 'utf8').digest('hex');
  const mac = createHmac('sha256', secretKey).update(rendered, 'utf8').digest('hex');
  return createHash('sha256').update(`masked\n${shown}\n${mac}`, 'utf8').digest('hex');
}
