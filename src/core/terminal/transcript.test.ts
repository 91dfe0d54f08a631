import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../evidence/redact';
import { Transcript } from './transcript';

describe('Transcript', () => {
  it('writes only redacted output, even a secret cut across reads, to owner-only files', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tejun-transcript-')), 'terminals');
    let redactor = new Redactor();
    const t = new Transcript(dir, 't1', 80, 24, '/bin/bash', { redactor: () => redactor });
    // A secret variable set after the terminal opened still counts for what comes after.
    redactor = new Redactor({ secrets: ['var-secret-value'] });
    for (const chunk of [
      'DB=postgres://app:Pa5',
      '5word@db/x\r\nvar-sec',
      'ret-value done\r\n',
      'mysql -uroot -pTopS',
      'ecret9\r\n',
    ])
      t.write(chunk);
    await t.close();
    expect((statSync(dir).mode & 0o777).toString(8)).toBe('700');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect((statSync(join(dir, f)).mode & 0o777).toString(8)).toBe('600');
      for (const s of ['Pa55word', 'var-secret-value', 'TopSecret9']) expect(text).not.toContain(s);
      expect(text).toContain('postgres://app:‹redacted›@db/x');
    }
  });
});
