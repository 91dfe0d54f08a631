import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands';
import { until } from '../core/until.testkit';
import { main } from './index';

const fifo = join(mkdtempSync(join(tmpdir(), 'tejun-cli-fifo-')), 'in.md');
execFileSync('mkfifo', [fifo]);

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  ).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
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
  it.each([
    [['rehearse', 'nope.md', '--headless', '--out', '/tmp/x'], /nope\.md: no such runbook/],
    [['rehearse', 'runbooks/release-en.md', '--plan', 'missing.yaml'], /--plan missing\.yaml: no such file/],
    [['rehearse', 'runbooks/release-en.md', '--speed', '7'], /--speed 7: use 1, 5, 10 or 60/],
    [['rehearse', 'runbooks/release-en.md', '--headless'], /--headless needs --out DIR/],
    [['verify', 'no-such.tejun.json'], /no such file\. Give a \.tejun\.json evidence bundle/],
    [['export', 'runbooks', '--format', 'md'], /is not a session folder/],
    [['export', 'runbooks', '--format', 'docx'], /usage: tejun export/],
    [['sign', 'x.json', '--as', 'Ken'], /usage: tejun sign/],
    // Special files are refused at once, never waited on.
    [['verify', fifo], /named pipe \(FIFO\), not a regular file/],
    [['verify', '/dev/zero'], /\/dev\/zero: this is a device/],
    [['lint', fifo], /named pipe \(FIFO\)/],
    [['parse', '/dev/zero'], /a device/],
    [['rehearse', 'runbooks/release-en.md', '--plan', fifo], /named pipe \(FIFO\)/],
    [['rehearse', fifo, '--headless', '--out', join(tmpdir(), 'tejun-cli-x')], /named pipe \(FIFO\)/],
  ])('explains %j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });

  it('lists every command of the table in --help, each form once', async () => {
    const r = await run(['--help']);
    for (const c of COMMANDS)
      for (const f of c.forms) expect(r.out.split(`tejun ${c.name} ${f.args}`.trim()).length).toBe(2);
  });
});

describe('the serve lifecycle', () => {
  // Both ways of serving stop on each signal a terminal sends (SIGHUP: its window closed) and leave no handler.
  it.each([
    ['serve', 'SIGHUP'],
    ['serve', 'SIGTERM'],
    ['rehearse', 'SIGHUP'],
    ['rehearse', 'SIGINT'],
  ] as const)('%s stops on %s', async (command, signal) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tejun-cli-serve-'));
    const before = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((s) => process.listenerCount(s));
    const args = command === 'rehearse' ? ['rehearse', 'runbooks/release-en.md'] : ['serve'];
    const out: string[] = [];
    const done = main([...args, '--port', '0', '--data-dir', dataDir], (l) => out.push(l));
    await until(() => out.some((l) => l.includes('http://127.0.0.1:')));
    process.emit(signal, signal);
    expect(await done).toBe(0);
    expect(out).toContain('stopping: closing terminals…');
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((s) => process.listenerCount(s))).toEqual(before);
  });
});
