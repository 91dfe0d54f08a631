// Closing a terminal releases all it owned (VS Code's DisposableStore pattern). In a file of its own, so the
// process's timers are counted with no other test's shells still winding down.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, collector, disposePtys, TestPtyHost as PtyHost, until } from './ptyTestKit';

afterEach(disposePtys);
import { liveIntegrationDirs } from './shellIntegration';

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
