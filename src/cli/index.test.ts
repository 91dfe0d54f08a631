import { describe, expect, it } from 'vitest';
import { main } from './index';

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, (l) => out.push(l), (l) => err.push(l)).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

describe('tejun command', () => {
  it('prints usage', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('tejun serve [--port N] [--runbook FILE]');
  });
  it('rejects an unknown command with usage and exit 2', async () => {
    const r = await run(['deploy']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "deploy"');
  });
  it('explains a bad port', async () => {
    const r = await run(['serve', '--port', 'eighty']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--port eighty: give a whole number from 0 to 65535');
  });
  it('explains an unknown option', async () => {
    const r = await run(['serve', '--prot', '80']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Unknown option '--prot'/);
  });
});
