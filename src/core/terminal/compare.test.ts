import { describe, expect, it } from 'vitest';
import type { Command, Step } from '../../shared/model';
import { compareOutput } from './compare';

// CPU time of this process, not wall time: on a loaded machine the wait for a core is not the regex's cost.
const cpuSince = (u: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(u);
  return (d.user + d.system) / 1000;
};

const step = (raw: string) => ({ expected: [{ text: raw, raw, line: 3, block: false }] }) as unknown as Step;
const command = { id: 'c1', text: 'echo', expectedOutput: null, line: 2 } as unknown as Command;

describe('compareOutput with a /regex/ expected value', () => {
  it('matches on the linear-time engine, flags included', () => {
    expect(compareOutput(step('`/^STATUS: (ok|ready)$/im`'), command, 'x\nstatus: OK\n', 0).result).toBe('match');
    expect(compareOutput(step('`/^ready$/`'), command, 'not ready yet', 0).result).toBe('mismatch');
  });

  it('finishes /(a+)+$/ against 10 KB of a’s in under 100 ms', () => {
    const out = `${'a'.repeat(10 * 1024)}!`;
    const t = process.cpuUsage();
    expect(compareOutput(step('`/(a+)+$/`'), command, out, 0).result).toBe('mismatch');
    expect(compareOutput(step('`/(a+)+$/`'), command, 'a'.repeat(10 * 1024), 0).result).toBe('match');
    expect(cpuSince(t)).toBeLessThan(100);
  });

  it('says why a pattern RE2 cannot run is not compared, instead of guessing', () => {
    const c = compareOutput(step('`/(\\w+) \\1/`'), command, 'ok ok', 0);
    expect(c.result).toBe('not-comparable');
    expect(c.detail).toMatch(/backreferences/);
  });

  it('reads "exit code" in an expected value without trying every split of a long run of spaces', () => {
    const t = process.cpuUsage();
    expect(compareOutput(step(`exit${' '.repeat(5000)}x`), command, '', 0).how).not.toBe('exit-code');
    expect(cpuSince(t)).toBeLessThan(100);
    expect(compareOutput(step('exit code: 0'), command, '', 0)).toMatchObject({ how: 'exit-code', result: 'match' });
  });
});
