// The desktop shell's log lines, with Electron's emitters replaced by plain ones and the real log file.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLog, logFile } from '../core/log';
import { logChildGone, logRendererGone } from './logging';

const lines = (dir: string) =>
  readFileSync(logFile(dir), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('desktop log', () => {
  it('records a renderer that crashed and a helper that died, not one that exited cleanly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-mainlog-'));
    const log = createLog(dir);
    const contents = new EventEmitter();
    const app = new EventEmitter();
    logRendererGone(contents as never, log);
    logChildGone(app as never, log);
    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 133 });
    app.emit('child-process-gone', {}, { type: 'GPU', reason: 'clean-exit', exitCode: 0 });
    app.emit('child-process-gone', {}, { type: 'Utility', name: 'network', reason: 'crashed', exitCode: 11 });
    expect(lines(dir)).toMatchObject([
      { level: 50, reason: 'oom', exitCode: 133 },
      { level: 50, type: 'Utility', name: 'network', reason: 'crashed' },
    ]);
  });
});
