// Real shells in real ptys: what the operator types reaches the shell, and closing leaves no orphans.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, collector, disposePtys, TestPtyHost as PtyHost, until } from './ptyTestKit';

afterEach(disposePtys);

describe('PtyHost', () => {
  it('runs what is typed in a real shell', async () => {
    const host = new PtyHost();
    const c = collector();
    const { id } = host.create('client-a', 80, 24, c.sink);
    host.write('client-a', id, 'echo tejun-$((6*7))\r');
    await until(() => c.out().includes('tejun-42'));
    host.dispose();
  });

  it('never pastes ESC: ESC[201~ cannot end the paste and run what follows', async () => {
    const host = new PtyHost();
    const c = collector();
    const dir = mkdtempSync(join(tmpdir(), 'tejun-paste-'));
    const { id } = host.create('client-a', 80, 24, c.sink);
    const paste = () => host.paste('client-a', id, `echo a\x1b[201~\ntouch ${dir}/MARKER`, true);
    expect(paste).toThrowError(/ESC \(\\x1b\) at character 7/);
    expect(() => host.runMarked('client-a', id, 'r1', `echo a\x9b201~\ntouch ${dir}/MARKER`)).toThrowError(/CSI/);
    host.write('client-a', id, `ls ${dir} | wc -l; echo done-$((1+1))\r`);
    await until(() => c.out().includes('done-2'));
    expect(existsSync(join(dir, 'MARKER'))).toBe(false);
    host.dispose();
  });

  it('keeps each client to its own terminals', () => {
    const host = new PtyHost();
    const { id } = host.create('client-a', 80, 24, collector().sink);
    expect(() => host.write('client-b', id, 'x')).toThrowError(/Terminal t\d+ is not open/);
    host.dispose();
  });

  it('reports the exit of a shell that ends by itself', async () => {
    const host = new PtyHost();
    const c = collector();
    const { id } = host.create('c', 80, 24, c.sink);
    host.write('c', id, 'exit 3\r');
    await until(() => c.exited() !== null);
    expect(c.exited()).toMatchObject({ code: 3 });
    expect(host.count).toBe(0);
  });

  it('ends the shell and the processes it started when the client goes away', async () => {
    const host = new PtyHost();
    const c = collector();
    const { id, pid } = host.create('gone', 80, 24, c.sink);
    host.write('gone', id, 'sleep 300 & echo BG=$!; sleep 301\r');
    await until(() => /BG=(\d+)/.test(c.out()));
    const bg = Number(/BG=(\d+)/.exec(c.out())![1]);
    expect(alive(bg)).toBe(true);
    host.closeAllOf('gone');
    await until(() => !alive(pid) && !alive(bg), 5000);
    expect(host.count).toBe(0);
  });

  it('resizes and refuses a closed terminal with a message', async () => {
    const host = new PtyHost();
    const c = collector();
    const { id } = host.create('c', 80, 24, c.sink);
    host.resize('c', id, 120, 40);
    host.write('c', id, 'stty size\r');
    await until(() => c.out().includes('40 120'));
    host.close('c', id);
    expect(() => host.resize('c', id, 10, 10)).toThrowError(/not open/);
  });
});
