import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finishedRehearsal } from '../core/evidence/testSession';
import { main } from './index';

const SEED000 = readFileSync(resolve(import.meta.dirname, '../../../shared/seeds/000_8597f5dc98a4b98d.txt'));

describe('tejun export / sign / verify', async () => {
  const { session, store } = await finishedRehearsal(SEED000, '000_release.md', { failIn: 'デプロイ' });
  afterAll(() => store.closeAll());
  it('tejun export, sign and verify do the same from the command line', async () => {
    const work = mkdtempSync(join(tmpdir(), 'tejun-cli-ev-'));
    const out: string[] = [];
    const log = (l: string) => out.push(l);
    const file = join(work, 'b.tejun.json');
    expect(await main(['export', session.dir, '--format', 'bundle', '--out', file], log, log)).toBe(0);
    expect(await main(['export', session.dir, '--format', 'md', '--out', join(work, 'f.md')], log, log)).toBe(0);
    expect(readFileSync(join(work, 'f.md'), 'utf8')).toContain('## 実施記録（tejun）');
    process.env.TEJUN_KEY_PASSPHRASE = 'cli passphrase 1';
    expect(await main(['sign', file, '--as', 'Ken', '--role', 'operator', '--data-dir', work], log, log)).toBe(0);
    expect(out.join('\n')).toMatch(/created a signing key for Ken/);
    out.length = 0;
    // Nobody has vouched for Ken's new key yet: the signature holds, the signer is not trusted.
    expect(await main(['verify', file, '--data-dir', work], log, log)).toBe(2);
    expect(out.join('\n')).toMatch(/UNTRUSTED: signatures\[0\] \(operator signature, claimed "Ken"\)/);
    const fp = /SHA256:[A-Za-z0-9+/]{43}/.exec(out.join('\n'))![0];
    // The team lists the key in the data folder's trust.yaml, spelling the name its own way.
    writeFileSync(
      join(work, 'trust.yaml'),
      `signers:\n  - name: Ken Tanaka\n    fingerprint: "${fp}"\n    roles: [operator]\n`,
    );
    out.length = 0;
    expect(await main(['verify', file, '--data-dir', work], log, log)).toBe(0);
    expect(out.join('\n')).toMatch(/REHEARSAL/);
    expect(out.join('\n')).toMatch(/signer: +operator Ken Tanaka +SHA256:/);
    expect(out.join('\n')).toMatch(/outcome: +rolled-back/);
    const broken = readFileSync(file);
    const mid = Math.floor(broken.length / 2);
    broken[mid] = broken[mid]! ^ 0x01;
    writeFileSync(file, broken);
    out.length = 0;
    expect(await main(['verify', file, '--data-dir', work], log, log)).toBe(1);
    expect(out.join('\n')).toMatch(/BROKEN: /);
    process.env.TEJUN_KEY_PASSPHRASE = 'wrong passphrase';
    expect(
      await main(['sign', join(work, 'nope.json'), '--as', 'Ken', '--role', 'operator', '--data-dir', work], log, log),
    ).toBe(1);
    delete process.env.TEJUN_KEY_PASSPHRASE;
  });
});
