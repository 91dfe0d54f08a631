// Shells outlive the window: a session's terminal is detached when its client goes, keeps running
// unthrottled (no acknowledgements will come), keeps tracking its commands, and is reattached with
// its latest output; a terminal outside any session still ends with its client.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FinishedCommand } from './commandTracker';
import { REPLAY_MAX, type TerminalSink } from './ptyHost';
import { disposePtys, ownedPtyHost, until } from './ptyTestKit';

const HOME = mkdtempSync(join(tmpdir(), 'tejun-pty-home-'));
const host = () => ownedPtyHost({ env: { PATH: process.env.PATH, HOME, SHELL: '/bin/bash', LANG: 'C.UTF-8' } });

afterEach(disposePtys);

describe('PtyHost: detach and reattach', () => {
  it('keeps a session shell running without its client, with its commands tracked, and replays its output', async () => {
    const ptys = host();
    let live = '';
    const finished: FinishedCommand[] = [];
    const sink: TerminalSink = {
      data: (_id, d) => (live += Buffer.from(d).toString()),
      exit: () => {},
      command: (_id, f) => finished.push(f),
    };
    const t = ptys.create('window-1', 80, 24, sink, { group: 'session-1' });
    try {
      await until(() => ptys.integration('window-1', t.id) === 'active');
      ptys.paste('window-1', t.id, 'sleep 1; seq 1 30000; echo "after""-reload"', true);
      await until(() => live.includes('sleep 1'));
      expect(ptys.releaseAllOf('window-1')).toEqual({ closed: [], detached: [t.id] });
      const before = live.length;
      // Nobody acknowledges now: 30,000 lines (far above the high watermark) must still flow.
      await until(() => finished.length === 1, 20_000);
      expect(finished[0]!.exitCode).toBe(0);
      expect(live.length).toBe(before);
      expect(ptys.detachedOf('session-1')).toEqual([{ id: t.id, name: t.name, integration: 'active' }]);
      const a = ptys.attach('window-2', t.id);
      expect(a.replay).toContain('after-reload');
      expect(a.replay.length).toBeLessThanOrEqual(REPLAY_MAX);
      ptys.write('window-2', t.id, 'echo "again""-live"\r');
      await until(() => live.includes('again-live'));
      expect(() => ptys.write('window-1', t.id, 'x')).toThrow(/not open/);
    } finally {
      ptys.dispose();
    }
  });

  it('closes a shell outside any session when its client goes', async () => {
    const ptys = host();
    const t = ptys.create('window-1', 80, 24, { data: () => {}, exit: () => {} });
    expect(ptys.releaseAllOf('window-1')).toEqual({ closed: [t.id], detached: [] });
    expect(ptys.count).toBe(0);
    expect(() => ptys.attach('window-2', t.id)).toThrow(/not waiting/);
  });
});
