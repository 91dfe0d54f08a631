// Closing a terminal releases all it owned (VS Code's DisposableStore pattern). In a file of its own, so the
// process's timers are counted with no other test's shells still winding down.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PtyHost as RealPtyHost, type TerminalSink } from './ptyHost';
import { liveIntegrationDirs } from './shellIntegration';

const HOME = mkdtempSync(join(tmpdir(), 'tejun-pty-home-'));
class PtyHost extends RealPtyHost {
  constructor() {
    super({ env: { PATH: process.env.PATH, HOME, SHELL: '/bin/bash', LANG: 'C.UTF-8' } });
  }
}

function collector() {
  let out = '';
  let exited: { code: number; signal: number | null } | null = null;
  const sink: TerminalSink = {
    data: (_id, d) => (out += d),
    exit: (_id, code, signal) => (exited = { code, signal }),
  };
  return { sink, out: () => out, exited: () => exited };
}

async function until(pred: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('closing a terminal', () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

  it('releases all it owned: no data or exit afterwards, no timer, no startup folder, no queued input', async () => {
    const host = new PtyHost();
    const c = collector();
    const dirsBefore = liveIntegrationDirs();
    const timersBefore = timers();
    const transcriptDir = mkdtempSync(join(tmpdir(), 'tejun-pty-tr-'));
    const { id, pid } = host.create('c', 80, 24, c.sink, { transcriptDir });
    const [dir] = liveIntegrationDirs().filter((d) => !dirsBefore.includes(d));
    expect(dir && existsSync(dir)).toBe(true);
    host.write('c', id, 'while :; do echo tick; sleep 0.02; done\r');
    await until(() => c.out().split('tick').length > 5);

    const marker = join(transcriptDir, 'must-not-exist');
    host.write('c', id, `\x03touch ${marker}\r`);
    host.close('c', id);
    const seen = c.out();
    await until(() => !alive(pid), 5000);
    await new Promise((r) => setTimeout(r, 300));

    expect(c.out()).toBe(seen);
    expect(c.exited()).toBeNull();
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(dir!)).toBe(false);
    expect(liveIntegrationDirs()).toEqual(dirsBefore);
    expect(timers()).toBeLessThanOrEqual(timersBefore);
    expect(host.count).toBe(0);
  });

  it('removes its startup folder when the shell ends by itself', async () => {
    const host = new PtyHost();
    const c = collector();
    const before = liveIntegrationDirs();
    const { id } = host.create('c', 80, 24, c.sink);
    const [dir] = liveIntegrationDirs().filter((d) => !before.includes(d));
    host.write('c', id, 'exit\r');
    await until(() => c.exited() !== null);
    expect(existsSync(dir!)).toBe(false);
  });
});
