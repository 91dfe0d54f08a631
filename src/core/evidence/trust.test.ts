import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrust, parseTrustFile, runbookTrustFile } from './trust';

const FP = (c: string) => `SHA256:${c.repeat(43)}`;
const dir = () => mkdtempSync(join(tmpdir(), 'tejun-trust-'));

describe('the trust list', () => {
  it('reads names in NFC, as the team spelled them, with their roles', () => {
    const [s] = parseTrustFile(
      `signers:\n  - { name: "${'José'.normalize('NFD')}", fingerprint: "${FP('A')}", roles: [operator, approver] }\n`,
      't.yaml',
    );
    expect(s).toEqual({ name: 'José', fingerprint: FP('A'), roles: ['operator', 'approver'], source: 't.yaml' });
  });

  it.each([
    ['broken YAML, with its line', 'signers:\n  - name: [\n', /t\.yaml line \d+: not valid YAML/],
    [
      'a fingerprint that is not one',
      'signers:\n  - { name: A, fingerprint: "SHA256:short", roles: [operator] }\n',
      /signers\[0\]\.fingerprint: a key fingerprint as tejun prints it/,
    ],
    [
      'an unknown role',
      `signers:\n  - { name: A, fingerprint: "${FP('A')}", roles: [ciso] }\n`,
      /signers\[0\]\.roles\[0\]/,
    ],
    ['an unknown key', `signers: []\nextra: 1\n`, /Unrecognized key/],
  ])('refuses %s, naming the file and the place', (_n, text, message) => {
    expect(() => parseTrustFile(text, 't.yaml')).toThrow(message);
  });

  it('merges the data folder, --trust files and a runbook team file; one key is one person', () => {
    const d = dir();
    writeFileSync(
      join(d, 'trust.yaml'),
      `signers:\n  - { name: Aiko, fingerprint: "${FP('A')}", roles: [operator] }\n`,
    );
    mkdirSync(join(d, 'team'));
    writeFileSync(join(d, 'team', 'release.md'), '---\ntrust: ./signers.yaml\n---\n# Release\n');
    writeFileSync(
      join(d, 'team', 'signers.yaml'),
      `signers:\n  - { name: Aiko, fingerprint: "${FP('A')}", roles: [approver] }\n  - { name: Dana, fingerprint: "${FP('D')}", roles: [approver] }\n`,
    );
    const t = loadTrust({ dataDir: d, runbookFile: join(d, 'team', 'release.md') });
    expect(t.sources).toEqual([join(d, 'trust.yaml'), join(d, 'team', 'signers.yaml')]);
    expect(t.signers.get(FP('A'))!.roles).toEqual(['operator', 'approver']);
    writeFileSync(
      join(d, 'other.yaml'),
      `signers:\n  - { name: Someone Else, fingerprint: "${FP('A')}", roles: [operator] }\n`,
    );
    expect(() => loadTrust({ dataDir: d, files: [join(d, 'other.yaml')] })).toThrow(/one key, one person/);
  });

  it('resolves a runbook team file beside the runbook, and reads nothing from a bundle', () => {
    expect(runbookTrustFile('---\ntrust: ./team-signers.yaml\n---\n# R\n', '/srv/runbooks/release.md')).toBe(
      '/srv/runbooks/team-signers.yaml',
    );
    expect(runbookTrustFile('# no front matter\n', '/srv/r.md')).toBeNull();
  });

  it('flags look-alike and mixed-script names in the list itself', () => {
    const d = dir();
    writeFileSync(
      join(d, 'trust.yaml'),
      `signers:\n  - { name: Sato, fingerprint: "${FP('A')}", roles: [operator] }\n  - { name: "Sat\u043e", fingerprint: "${FP('B')}", roles: [approver] }\n`,
    );
    const t = loadTrust({ dataDir: d });
    expect(t.warnings.join('\n')).toMatch(/"Satо" .* mixes scripts/);
    expect(t.warnings.join('\n')).toMatch(/"Sato" and "Satо" look alike/);
  });

  it('refuses a FIFO at once instead of waiting on it', () => {
    const d = dir();
    execFileSync('mkfifo', [join(d, 'pipe.yaml')]);
    expect(() => loadTrust({ files: [join(d, 'pipe.yaml')] })).toThrow(/not a regular file/);
  });
});
