import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_READ, readRegularFile, readRegularFileSync, RUNBOOK_READ } from './files';
import { readRunbookFile } from './runbook/load';

const dir = mkdtempSync(join(tmpdir(), 'tejun-files-'));
const fifo = join(dir, 'pipe.md');
execFileSync('mkfifo', [fifo]);
const linkToFifo = join(dir, 'link.md');
symlinkSync(fifo, linkToFifo);
const regular = join(dir, 'ok.md');
writeFileSync(regular, '# ok\n');
mkdirSync(join(dir, 'folder.md'));

describe('reading a file someone named', () => {
  it('refuses a FIFO at once, even behind a symlink, naming what it is', async () => {
    await expect(readRegularFile(fifo, RUNBOOK_READ)).rejects.toThrow(
      /named pipe \(FIFO\), not a regular file: tejun reads runbooks only from regular files/,
    );
    await expect(readRegularFile(linkToFifo, RUNBOOK_READ)).rejects.toThrow(/named pipe/);
    expect(() => readRegularFileSync(fifo, BUNDLE_READ)).toThrow(
      /not a regular file: tejun reads evidence bundles only/,
    );
  });
  it('four FIFO opens in parallel leave the I/O threads free for a real read', async () => {
    const stalls = Array.from({ length: 4 }, () => readRunbookFile(fifo).catch((e: Error) => e));
    // The default libuv pool has four threads: were they blocked in open(), this read would never finish.
    await expect(readRunbookFile(regular)).resolves.toMatchObject({ name: 'ok.md' });
    for (const e of await Promise.all(stalls)) expect(String(e)).toMatch(/named pipe/);
  });
  it('refuses a device, a folder and a missing file', async () => {
    await expect(readRegularFile('/dev/zero', RUNBOOK_READ)).rejects.toThrow(/\/dev\/zero: this is a device/);
    expect(() => readRegularFileSync('/dev/zero', BUNDLE_READ)).toThrow(/a device/);
    await expect(readRegularFile(join(dir, 'folder.md'), RUNBOOK_READ)).rejects.toThrow(/a folder/);
    await expect(readRegularFile(join(dir, 'none.md'), RUNBOOK_READ)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
  it('refuses a file over the limit before reading it, and reads a regular one whole', async () => {
    const big = join(dir, 'big.md');
    writeFileSync(big, Buffer.alloc(2048, 0x61));
    const rule = { ...RUNBOOK_READ, maxBytes: 1024, tooLarge: undefined };
    await expect(readRegularFile(big, rule)).rejects.toThrow(/the runbook is 0\.0 MB; tejun reads at most 0\.0 MB/);
    expect((await readRegularFile(big, { ...rule, maxBytes: 2048 })).length).toBe(2048);
    expect(readRegularFileSync(regular, RUNBOOK_READ).toString()).toBe('# ok\n');
  });
  it('does not follow a symlink where tejun wrote the file itself', async () => {
    const link = join(dir, 'link-ok.md');
    symlinkSync(regular, link);
    await expect(readRegularFile(link, RUNBOOK_READ)).resolves.toHaveLength(5);
    await expect(readRegularFile(link, { ...RUNBOOK_READ, noFollow: true })).rejects.toThrow(/symbolic link/);
  });
});
