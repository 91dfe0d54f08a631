import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reviewPayload, type Signed } from '../../shared/review';
import { bindingHash, publicKeyFromSpki, signatureProblem } from './signatures';

function person() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const id = publicKeyFromSpki(spki)!;
  const signIt = (s: Signed) => sign(null, Buffer.from(reviewPayload(s)), privateKey).toString('base64');
  return { id, signIt };
}

const decision: Signed = {
  sessionId: 's1',
  stepId: 'p2/change',
  commandId: 'c1',
  textHash: 'a'.repeat(64),
  decision: 'confirm',
  reason: '',
  by: '佐藤',
  role: 'checker',
  time: '2026-11-27T03:12:00.000Z',
};

describe('signed decisions', () => {
  it('holds for exactly what was signed, by the key that signed it', () => {
    const p = person();
    const sig = { ...p.id, value: p.signIt(decision) };
    expect(signatureProblem(decision, sig)).toBeNull();
    expect(signatureProblem({ ...decision, textHash: 'b'.repeat(64) }, sig)).toMatch(/does not verify/);
    expect(signatureProblem({ ...decision, decision: 'hold' }, sig)).toMatch(/does not verify/);
    const other = person();
    expect(signatureProblem(decision, { ...other.id, value: sig.value })).toMatch(/does not verify/);
    expect(signatureProblem(decision, { ...sig, fingerprint: other.id.fingerprint })).toMatch(/fingerprint/);
  });

  it('takes only an Ed25519 public key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(publicKeyFromSpki(rsa.export({ type: 'spki', format: 'der' }).toString('base64'))).toBeNull();
    expect(publicKeyFromSpki('not base64!')).toBeNull();
  });
});

describe('the hash a confirmation is bound to', () => {
  const k = Buffer.alloc(32, 1);
  it('changes when any character of the rendered command does', () => {
    const a = bindingHash('kubectl set image deploy/api api=v3.1.0', 'kubectl set image deploy/api api=v3.1.0', k);
    const b = bindingHash('kubectl set image deploy/api api=v3.1.1', 'kubectl set image deploy/api api=v3.1.1', k);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });
  it('changes with a secret the checker only sees masked, without being a plain hash of it', () => {
    const shown = 'mysql -p[REDACTED]';
    const a = bindingHash('mysql -phunter2', shown, k);
    const b = bindingHash('mysql -phunter3', shown, k);
    expect(a).not.toBe(b);
    expect(bindingHash('mysql -phunter2', shown, Buffer.alloc(32, 2))).not.toBe(a);
  });
});
