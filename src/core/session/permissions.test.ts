import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tightenTree } from './permissions';

const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-perm-'));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'terminals'), { mode: 0o755 });
  writeFileSync(join(dir, 'journal.jsonl'), '{}\n', { mode: 0o644 });
  writeFileSync(join(dir, 'terminals', 't1.cast'), '{}\n', { mode: 0o664 });
  writeFileSync(join(dir, 'shim'), '#!/bin/sh\n', { mode: 0o755 });
  return dir;
}

describe('tightenTree', () => {
  it('takes group and other bits off a session folder made readable, and says what it changed', () => {
    const dir = folder();
    const changed = tightenTree(dir);
    expect(changed).toHaveLength(5);
    expect([
      mode(dir),
      mode(join(dir, 'terminals')),
      mode(join(dir, 'journal.jsonl')),
      mode(join(dir, 'terminals', 't1.cast')),
    ]).toEqual(['700', '700', '600', '600']);
    // A shim keeps its owner's execute bit; a second look finds nothing to do.
    expect(mode(join(dir, 'shim'))).toBe('700');
    expect(tightenTree(dir)).toEqual([]);
  });

  it('sets a copy handed on as evidence to exactly 0600 per file', () => {
    const dir = folder();
    tightenTree(dir, { exact: true });
    expect(mode(join(dir, 'shim'))).toBe('600');
  });
});
