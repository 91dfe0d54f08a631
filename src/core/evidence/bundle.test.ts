import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { journalSignedNote, journalSignOff } from './entrySignature';
import { addSignature, serializeBundle, verifyBundle } from './bundle';
import { buildBundle } from './exporter';
import { createKey, loadKey } from './keys';
import { finishedRehearsal } from './testSession';

const SEED000 = readFileSync(resolve(import.meta.dirname, '../../../../shared/seeds/000_8597f5dc98a4b98d.txt'));
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

describe('the evidence bundle of a rolled-back rehearsal of seed 000', async () => {
  const { session, store } = await finishedRehearsal(SEED000, '000_release.md', { failIn: 'デプロイ' });
  closers.push(() => store.closeAll());
  const keys = mkdtempSync(join(tmpdir(), 'tejun-keys-'));
  createKey(join(keys, 'op.pem'), 'operator passphrase');
  createKey(join(keys, 'ap.pem'), 'approver passphrase');
  const op = loadKey(join(keys, 'op.pem'), 'operator passphrase');
  const ap = loadKey(join(keys, 'ap.pem'), 'approver passphrase');
  const unsigned = buildBundle(session.dir);
  const signedOnce = addSignature(
    unsigned,
    { name: '山田', role: 'operator', key: op.key, publicKey: op.identity.publicKey },
    new Date('2026-12-11T01:00:00Z'),
  );
  const signed = addSignature(
    signedOnce,
    { name: '佐藤', role: 'approver', key: ap.key, publicKey: ap.identity.publicKey },
    new Date('2026-12-11T09:00:00Z'),
  );
  const bytes = Buffer.from(serializeBundle(signed));

  it('verifies untouched, with both signers and the REHEARSAL mark', () => {
    const r = verifyBundle(bytes);
    expect(r.problem).toBeNull();
    expect(r.bundle!.rehearsal).toBe(true);
    expect(r.bundle!.signatures.map((s) => [s.role, s.name, s.fingerprint])).toEqual([
      ['operator', '山田', op.identity.fingerprint],
      ['approver', '佐藤', ap.identity.fingerprint],
    ]);
  });

  it('rejects one flipped byte anywhere: journal entries, runbook, exports, digests, signatures', () => {
    const text = bytes.toString('latin1');
    const places: number[] = [];
    // Named places first, then a spread over the whole file.
    for (const needle of [
      '"text": "{\\"seq\\":1',
      '\\"seq\\":7',
      '\\"seq\\":40',
      '"base64": "',
      '"format": "md"',
      '"format": "html"',
      '"sha256": "',
      '"signature": "',
      '"fingerprint": "',
      '"publicKey": "',
      '"core": "',
      '"journalHead": "',
      '"previous": "',
      '"head": "',
      '"outcome": "',
      '"rehearsal": true',
    ]) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(needle, from);
        if (at < 0) break;
        places.push(at + needle.length + 3);
        from = at + 1;
      }
    }
    for (let i = 0; i < 400; i++) places.push(Math.floor((i / 400) * bytes.length));
    expect(places.length).toBeGreaterThan(420);
    const passed: number[] = [];
    for (const at of places) {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 0x01;
      if (verifyBundle(copy).ok) passed.push(at);
    }
    expect(passed).toEqual([]);
  });

  it('accepts only the one spelling of a signature and a public key (Node would skip a stray character)', () => {
    const sig = structuredClone(signed);
    sig.signatures[0]!.signature = sig.signatures[0]!.signature.replace(/=$/, '<');
    expect(verifyBundle(Buffer.from(serializeBundle(sig))).problem).toMatch(
      /signatures\[0\] \(operator\): the signature does not verify/,
    );
    const key = structuredClone(signed);
    key.signatures[1]!.publicKey = key.signatures[1]!.publicKey.replace('=\n', '<\n');
    expect(key.signatures[1]!.publicKey).not.toBe(signed.signatures[1]!.publicKey);
    expect(verifyBundle(Buffer.from(serializeBundle(key))).ok).toBe(false);
  });

  it('names the place: a changed journal entry, a changed export, a forged signature', () => {
    const j = structuredClone(signed);
    j.journal.text = j.journal.text.replace('"by":"佐藤"', '"by":"鈴木"');
    expect(verifyBundle(Buffer.from(serializeBundle(j))).problem).toMatch(/Journal broken-chain at entry \d+/);
    const e = structuredClone(signed);
    e.exports[0]!.text = e.exports[0]!.text.replace('切り戻し', '続行');
    expect(verifyBundle(Buffer.from(serializeBundle(e))).problem).toMatch(/exports\[0\] .* does not match its digest/);
    const s = structuredClone(signed);
    s.signatures[1]!.name = '鈴木';
    expect(verifyBundle(Buffer.from(serializeBundle(s))).problem).toMatch(
      /signatures\[1\] \(approver\): the signature does not verify/,
    );
  });
});

describe('verifyBundle on what is not a bundle', () => {
  it.each([
    ['empty', Buffer.alloc(0), /not valid JSON/],
    ['binary', Buffer.from([0, 159, 146, 150, 255]), /not valid UTF-8/],
    ['another JSON', Buffer.from('{"hello":1}\n'), /structure is wrong/],
    ['a JSON array', Buffer.from('[]'), /structure is wrong/],
  ])('%s: refused with a reason', (_name, bytes, message) => {
    const r = verifyBundle(bytes);
    expect(r.ok).toBe(false);
    expect(r.problem).toMatch(message);
  });
});

describe('signatures inside the journal', async () => {
  const { session, store } = await finishedRehearsal(SEED000, '000_release.md');
  closers.push(() => store.closeAll());
  const dir = mkdtempSync(join(tmpdir(), 'tejun-keys-'));
  createKey(join(dir, 'k.pem'), 'journal passphrase');
  const { key, identity } = loadKey(join(dir, 'k.pem'), 'journal passphrase');
  await journalSignOff(session, { name: '山田', key, identity }, 'operator');

  it('refuses an unsigned note after sign-off, and takes a signed one', async () => {
    await expect(session.submit({ type: 'note', text: '後から追記', by: '山田' })).rejects.toThrow(
      /signed off: a later note is signed/,
    );
    await journalSignedNote(session, { name: '山田', key, identity }, '翌朝の確認: 異常なし');
    const b = buildBundle(session.dir);
    expect(verifyBundle(Buffer.from(serializeBundle(b))).problem).toBeNull();
    expect(b.exports[0]!.text).toMatch(/翌朝の確認: 異常なし — ✍ `SHA256:/);
  });

  it('finds a note rewritten and the whole chain recomputed: the chain holds, its signature does not', () => {
    const b = buildBundle(session.dir);
    // An attacker edits the note and re-chains every entry after it, so the hash chain verifies again.
    let prev = '0'.repeat(64);
    const lines = b.journal.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { prev: string; event: { type: string; text?: string } });
    const rechained = lines.map((e) => {
      if (e.event.type === 'signed-note' && e.event.text === '翌朝の確認: 異常なし')
        e.event.text = '翌朝の確認: 問題なし（改ざん）';
      e.prev = prev;
      const line = JSON.stringify(e);
      prev = createHash('sha256').update(line).digest('hex');
      return line;
    });
    const forged = { ...b, journal: { ...b.journal, text: `${rechained.join('\n')}\n`, head: prev } };
    expect(verifyBundle(Buffer.from(serializeBundle(forged))).problem).toMatch(
      /journal entry \d+ \(signed-note by 山田\): the signature does not verify/,
    );
  });
});
