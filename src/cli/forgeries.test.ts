// Each forgery an attacker made against `tejun verify`, rebuilt on a real session and run through the
// real command: it must answer with the right word (BROKEN, UNTRUSTED, MISSING) and a non-zero exit.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash, sign } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addSignature, serializeBundle, signBundle, type Bundle } from '../core/evidence/bundle';
import { journalSignOff } from '../core/evidence/entrySignature';
import { buildBundle } from '../core/evidence/exporter';
import { createKey, loadKey } from '../core/evidence/keys';
import { finishedRehearsal } from '../core/evidence/testSession';
import { main } from './index';

const SEEDS = resolve(import.meta.dirname, '../../../shared/seeds');
const SEED000 = readFileSync(join(SEEDS, '000_8597f5dc98a4b98d.txt'));
const work = mkdtempSync(join(tmpdir(), 'tejun-forge-'));
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

function person(file: string, pass = 'long enough passphrase') {
  createKey(join(work, file), pass);
  const k = loadKey(join(work, file), pass);
  return { key: k.key, identity: k.identity, publicKey: k.identity.publicKey };
}
const op = person('op.pem');
const ap = person('ap.pem');
const evil = person('evil.pem');
const trustFile = join(work, 'team-signers.yaml');
writeFileSync(
  trustFile,
  [
    'signers:',
    `  - { name: 山田 太郎, fingerprint: "${op.identity.fingerprint}", roles: [operator] }`,
    `  - { name: Sato, fingerprint: "${ap.identity.fingerprint}", roles: [approver] }`,
    '',
  ].join('\n'),
);
const emptyData = mkdtempSync(join(tmpdir(), 'tejun-forge-data-'));

/** Run the real `tejun verify` on a bundle; the output and the exit code. */
async function verify(b: Bundle | string, ...extra: string[]): Promise<{ code: number; out: string; last: string }> {
  const file = join(mkdtempSync(join(work, 'b-')), 'b.tejun.json');
  writeFileSync(file, typeof b === 'string' ? b : serializeBundle(b));
  const lines: string[] = [];
  const code = await main(
    ['verify', file, '--trust', trustFile, '--data-dir', emptyData, ...extra],
    (l) => lines.push(l),
    (l) => lines.push(l),
  );
  return { code, out: lines.join('\n'), last: lines[lines.length - 1]! };
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
type Line = { seq: number; prev: string; event: Record<string, unknown> & { type: string } };
const entriesOf = (b: Bundle): Line[] =>
  b.journal.text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
/** What an attacker does after editing entries: renumber and re-chain them, fix the count and head. */
function rechain(b: Bundle, lines: Line[]): Bundle {
  let prev = '0'.repeat(64);
  const text = lines.map((e, i) => {
    const line = JSON.stringify({ ...e, seq: i + 1, prev });
    prev = sha(line);
    return line;
  });
  return { ...b, journal: { entries: lines.length, head: prev, text: `${text.join('\n')}\n` } };
}

async function signedSession(production: boolean) {
  const { session, store } = await finishedRehearsal(SEED000, '000_release.md', { production });
  closers.push(() => store.closeAll());
  await journalSignOff(session, { name: '山田', key: op.key, identity: op.identity }, 'operator');
  const unsigned = buildBundle(session.dir);
  const once = addSignature(unsigned, { name: '山田', role: 'operator', ...op }, new Date('2026-12-11T01:00:00Z'));
  const signed = addSignature(once, { name: 'Sato', role: 'approver', ...ap }, new Date('2026-12-11T09:00:00Z'));
  return { unsigned, signed };
}

describe('tejun verify against forged production bundles', async () => {
  const { unsigned, signed } = await signedSession(true);

  it('says OK (exit 0) to the genuine bundle, naming signers as the trust list does', async () => {
    const r = await verify(signed);
    expect(r.code).toBe(0);
    expect(r.last).toMatch(/^OK: /);
    expect(r.out).toMatch(/signer: +operator +山田 太郎 +SHA256:/);
    expect(r.out).toMatch(/signer: +approver +Sato +SHA256:/);
    // The bundle's own "山田" is only ever shown as a claim.
    expect(r.out).toMatch(/claims the name "山田"; the trust list says this key is 山田 太郎/);
  });

  it('every signature removed (the sign-off entry unsigned, the chain recomputed): BROKEN', async () => {
    const lines = entriesOf(signed).map((e) =>
      e.event.type === 'sign-off' ? { ...e, event: { ...e.event, signature: undefined } } : e,
    );
    const r = await verify({ ...rechain(signed, lines), signatures: [] });
    expect([r.code, r.last]).toEqual([
      1,
      expect.stringMatching(/^BROKEN: journal entry \d+ \(sign-off by 山田\): it carries no signature/),
    ]);
  });

  it('an unsigned sign-off spelled with a \\u escape ("\\u0073ign-off") is read, not skipped: BROKEN', async () => {
    let prev = '0'.repeat(64);
    const text = entriesOf(signed).map((e, i) => {
      const unsigned = e.event.type === 'sign-off' ? { ...e, event: { ...e.event, signature: undefined } } : e;
      const line = JSON.stringify({ ...unsigned, seq: i + 1, prev }).replace(
        '"type":"sign-off"',
        '"type":"\\u0073ign-off"',
      );
      prev = sha(line);
      return line;
    });
    expect(text.join('\n')).not.toContain('"sign-off"');
    const r = await verify({
      ...signed,
      signatures: [],
      journal: { ...signed.journal, text: `${text.join('\n')}\n`, head: prev },
    });
    expect([r.code, r.last]).toEqual([
      1,
      expect.stringMatching(/^BROKEN: journal entry \d+ \(sign-off by 山田\): it carries no signature/),
    ]);
  });

  it('the bundle signatures removed, the journal intact: MISSING the approver', async () => {
    const r = await verify({ ...signed, signatures: [] });
    expect(r.code).toBe(3);
    expect(r.last).toMatch(/^MISSING: no signature by a trusted approver/);
  });

  it('two entries swapped, the chain recomputed and everything re-signed with a new key: UNTRUSTED', async () => {
    const lines = entriesOf(signed).filter((e) => e.event.type !== 'sign-off');
    const i = lines.findIndex((e) => e.event.type === 'field-set');
    [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
    // The attacker's key signs a new sign-off entry and the bundle, claiming the real names.
    const forged = { ...reSignOff(rechain(signed, lines), '山田'), signatures: [] };
    const b = signBundle(
      signBundle(forged, { name: '山田', role: 'operator', ...evil }, new Date()),
      { name: 'Sato', role: 'approver', ...evil },
      new Date(),
    );
    const r = await verify(b);
    expect(r.code).toBe(2);
    expect(r.last).toMatch(/^UNTRUSTED: journal entry \d+ .*claimed "山田".*not on the trust list/);
    expect(r.out).not.toMatch(/signer: +operator +山田 太郎/);
  });

  it('the last 5 entries (the sign-off included) dropped: BROKEN, and MISSING once the signatures go too', async () => {
    const lines = entriesOf(signed).slice(0, -5);
    const cut = rechain(signed, lines);
    expect((await verify(cut)).last).toMatch(/^BROKEN: signatures\[0\] \(operator\)/);
    expect((await verify(cut)).code).toBe(1);
    const bare = await verify({ ...cut, signatures: [] });
    expect([bare.code, bare.last]).toEqual([
      3,
      expect.stringMatching(/^MISSING: no signature by a trusted operator or approver/),
    ]);
  });

  it('the runbook and its hash swapped, the chain recomputed: BROKEN', async () => {
    const other = readFileSync(join(SEEDS, '001_a8342b47c099ffba.txt'));
    const hash = createHash('sha256').update(other).digest('hex');
    const lines = entriesOf(signed).map((e, i) => (i === 0 ? { ...e, event: { ...e.event, runbookSha256: hash } } : e));
    const b = {
      ...rechain(signed, lines),
      runbook: { ...signed.runbook, sha256: hash, base64: other.toString('base64') },
    };
    const r = await verify(b);
    expect([r.code, r.last]).toEqual([
      1,
      expect.stringMatching(/^BROKEN: journal entry \d+ \(sign-off by 山田\): signed as following another entry/),
    ]);
  });

  it('signed only by an "approver": MISSING the operator; an approver key signing as operator: UNTRUSTED', async () => {
    const noSignOff = rechain(
      unsigned,
      entriesOf(unsigned).filter((e) => e.event.type !== 'sign-off'),
    );
    const r = await verify(signBundle(noSignOff, { name: 'Sato', role: 'approver', ...ap }, new Date()));
    expect([r.code, r.last]).toEqual([
      3,
      expect.stringMatching(
        /^MISSING: no signature by a trusted operator: this production bundle needs the operator's and the approver's/,
      ),
    ]);
    const asOperator = await verify(
      signBundle(
        signBundle(noSignOff, { name: 'Sato', role: 'operator', ...ap }, new Date()),
        { name: 'Sato', role: 'approver', ...ap },
        new Date(),
      ),
    );
    expect([asOperator.code, asOperator.last]).toEqual([
      2,
      expect.stringMatching(/^UNTRUSTED: .*trusted as approver only, not as operator/),
    ]);
  });

  it('a look-alike name (Cyrillic о in "Sato") on a new key: UNTRUSTED, and the look-alike named', async () => {
    const b = signBundle(signed, { name: 'Sat\u043e', role: 'approver', ...evil }, new Date());
    const r = await verify(b);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/claims "Satо", which looks like trusted Sato — but it is a different key/);
    expect(r.out).toMatch(/mixes scripts/);
    expect(r.last).toMatch(/^UNTRUSTED: .*It claims the name of Sato/);
  });

  it('a title with terminal escape codes cannot print a fake OK: everything from the bundle is escaped', async () => {
    const r = await verify({ ...signed, title: 'Release\x1b[2K\r\x1b[32mOK: all verified\x1b[0m\u202e' });
    // eslint-disable-next-line no-control-regex -- finding control characters is the point here
    expect(r.out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(r.out).toContain('Release\\x1b[2K\\r\\x1b[32mOK: all verified\\x1b[0m\\u202e');
    expect([r.code, r.last]).toEqual([1, expect.stringMatching(/^BROKEN: /)]);
  });

  it('--require changes what is required; a missing trust file is named', async () => {
    expect((await verify({ ...signed, signatures: [] }, '--require', 'operator')).code).toBe(0);
    const missing = await verify(signed, '--trust', join(work, 'missing.yaml'));
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/missing\.yaml: no such trust file/);
  });
});

/** Append a sign-off entry signed by the attacker's key, as core would make it. */
function reSignOff(b: Bundle, claimed: string): Bundle {
  const lines = entriesOf(b).filter((e) => e.event.type !== 'sign-off');
  const base = rechain(b, lines);
  const created = lines[0]!.event as unknown as { sessionId: string; runbookSha256: string; rehearsal: boolean };
  const payload = {
    sessionId: created.sessionId,
    runbookSha256: created.runbookSha256,
    rehearsal: created.rehearsal,
    after: base.journal.head,
    kind: 'sign-off',
    by: claimed,
    role: 'operator',
    text: null,
  };
  const value = signRaw(payload);
  const event = {
    type: 'sign-off',
    by: claimed,
    role: 'operator',
    fingerprint: evil.identity.fingerprint,
    signature: { publicKey: evil.publicKey, fingerprint: evil.identity.fingerprint, after: base.journal.head, value },
  };
  return rechain(base, [...lines, { seq: 0, prev: '', event }]);
}

// Node's own Ed25519 signing, as an attacker with their own key would do it.
const signRaw = (payload: object): string =>
  sign(null, Buffer.from(JSON.stringify(payload)), evil.key).toString('base64');

describe('tejun verify against a rehearsal passed off as a production release', async () => {
  const { signed } = await signedSession(false);

  it('the REHEARSAL mark, exports and transcripts removed, signatures kept: BROKEN', async () => {
    expect((await verify(signed)).code).toBe(0);
    // Entry 1 says production now; the sign-off's "after" and the bundle's covers are updated to match.
    const lines = entriesOf(signed).map((e, i) => (i === 0 ? { ...e, event: { ...e.event, rehearsal: false } } : e));
    let b = rechain({ ...signed, rehearsal: false, exports: [], transcripts: [] }, lines);
    const fixed = entriesOf(b).map((e) =>
      e.event.type === 'sign-off'
        ? { ...e, event: { ...e.event, signature: { ...(e.event['signature'] as object), after: e.prev } } }
        : e,
    );
    b = rechain(b, fixed);
    const r = await verify(b);
    expect(r.code).toBe(1);
    expect(r.last).toMatch(/^BROKEN: journal entry \d+ \(sign-off by 山田\): the signature does not verify/);
    expect(r.out).not.toMatch(/^REHEARSAL/m);
  });
});

describe('a bundle cannot vouch for itself', async () => {
  // The runbook in the bundle names a trust file that lists the attacker's key, planted on this disk.
  const planted = join(work, 'planted-signers.yaml');
  writeFileSync(
    planted,
    `signers:\n  - { name: 山田 太郎, fingerprint: "${evil.identity.fingerprint}", roles: [operator, approver] }\n`,
  );
  const text = `---\ntrust: ${planted}\n---\n${SEED000.toString('utf8')}`;
  const { session, store } = await finishedRehearsal(Buffer.from(text), 'release.md', { production: true });
  closers.push(() => store.closeAll());
  await journalSignOff(session, { name: '山田 太郎', key: evil.key, identity: evil.identity }, 'operator');
  const b = signBundle(buildBundle(session.dir), { name: '山田 太郎', role: 'approver', ...evil }, new Date());

  it('ignores the trust file its own runbook names: UNTRUSTED, with the reason said', async () => {
    const r = await verify(b);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/the runbook names the team's trust file .*planted-signers\.yaml.*never the bundle's/);
    expect(r.out).not.toMatch(/signer: +operator +山田 太郎/);
  });

  it("reads a team file only from the verifier's own copy of the runbook (--runbook)", async () => {
    const mine = join(mkdtempSync(join(work, 'mine-')), 'release.md');
    writeFileSync(mine, '---\ntrust: ./team-signers.yaml\n---\n# Release\n');
    writeFileSync(join(mine, '..', 'team-signers.yaml'), readFileSync(trustFile));
    const lines: string[] = [];
    const file = join(work, 'self.tejun.json');
    writeFileSync(file, serializeBundle(b));
    expect(
      await main(
        ['verify', file, '--runbook', mine, '--data-dir', emptyData],
        (l) => lines.push(l),
        (l) => lines.push(l),
      ),
    ).toBe(2);
    expect(lines.join('\n')).toMatch(/trust: +\S+team-signers\.yaml \(2 keys\)/);
  });
});
