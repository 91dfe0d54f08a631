// Nothing in a rehearsal needs the network: the unattended drill of seed 000 runs in a network
// namespace with no network at all, traced, and no shim process opens a socket.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SEED000 = resolve(ROOT, '../shared/seeds/000_8597f5dc98a4b98d.txt');
const can = (cmd: string[]) => spawnSync(cmd[0]!, cmd.slice(1), { stdio: 'ignore' }).status === 0;
const why = !can(['unshare', '-n', 'true'])
  ? 'unshare -n is not permitted here (no network namespaces)'
  : !can(['strace', '-V'])
    ? 'strace is not installed'
    : null;
if (why) console.warn(`offline.test: skipped — ${why}. CI installs strace and runs as root, where it runs.`);

describe.skipIf(why !== null)('a rehearsal with no network', () => {
  it('passes in a network namespace, and no shim opened a socket', { timeout: 240_000 }, () => {
    expect(
      existsSync(join(ROOT, 'out/cli/index.mjs')),
      'the CLI is not built: run `npm run build` before the unit tests',
    ).toBe(true);
    const work = mkdtempSync(join(tmpdir(), 'tejun-offline-'));
    const trace = join(work, 'strace.log');
    const r = spawnSync(
      'unshare',
      [
        '-n',
        'strace',
        '-f',
        '-qq',
        '-e',
        'trace=socket,connect,execve',
        '-o',
        trace,
        process.execPath,
        join(ROOT, 'bin/tejun.mjs'),
        'rehearse',
        SEED000,
        '--headless',
        '--out',
        join(work, 'out'),
      ],
      { encoding: 'utf8', timeout: 200_000, env: { ...process.env, HOME: work } },
    );
    expect(r.stdout, r.stderr).toContain('OK: the drill ended success');
    expect(r.status).toBe(0);
    const lines = readFileSync(trace, 'utf8').split('\n');
    const shimPids = new Set(
      lines.filter((l) => /execve\("[^"]*\/rehearsal\/bin\//.test(l)).map((l) => l.split(' ')[0]),
    );
    expect(shimPids.size).toBeGreaterThan(15);
    const shimSockets = lines.filter((l) => shimPids.has(l.split(' ')[0]) && /\b(socket|connect)\(/.test(l));
    expect(shimSockets).toEqual([]);
  });
});
