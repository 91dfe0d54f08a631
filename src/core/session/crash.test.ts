// 50 SIGKILLs of the real host while a driver streams events through the real API (see the driver).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from './journal';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('crash safety', () => {
  it('keeps every acknowledged event across 50 SIGKILLs, with the chain intact', async () => {
    expect(
      existsSync(join(ROOT, 'out/cli/index.mjs')),
      'the host is not built: run `npm run build` before the unit tests',
    ).toBe(true);
    const driver = '../../../scripts/crash-driver.mjs';
    const { torture } = (await import(driver)) as {
      torture: (o: {
        kills: number;
        seed: number;
      }) => Promise<{ problems: string[]; acked: number; dataDir: string; sessionId: string }>;
    };
    const r = await torture({ kills: 50, seed: 20261124 });
    expect(r.problems).toEqual([]);
    expect(r.acked).toBeGreaterThan(50);
    const v = await readJournal(join(r.dataDir, 'sessions', r.sessionId));
    expect(v.problems.filter((p) => p.kind !== 'torn-tail')).toEqual([]);
  }, 240_000);
});
