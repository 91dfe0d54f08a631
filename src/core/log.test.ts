import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLog, logFile, logUncaught, redactLine } from './log';

const lines = (dataDir: string) =>
  readFileSync(logFile(dataDir), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the log', () => {
  it('writes JSON lines to <data>/logs/tejun.log, readable by the operator alone, secrets redacted', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tejun-log-'));
    const log = createLog(dataDir);
    log.info({ command: 'curl -H "Authorization: Bearer abcdef0123456789" x' }, 'ran PGPASSWORD=hunter22 psql');
    const [rec] = lines(dataDir);
    const command = 'curl -H "Authorization: Bearer ‹redacted›" x';
    expect(rec).toMatchObject({ level: 30, msg: 'ran PGPASSWORD=‹redacted› psql', command });
    expect(readFileSync(logFile(dataDir), 'utf8')).not.toMatch(/hunter22|abcdef0123456789/);
    expect(statSync(logFile(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('keeps an error’s stack and the error it wrapped', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tejun-log-'));
    const inner = new Error('EIO: i/o error, write');
    createLog(dataDir).error({ err: new Error('The journal could not be written', { cause: inner }) }, 'append failed');
    type Logged = { message: string; stack: string; cause: { message: string; stack: string } };
    const err = lines(dataDir)[0]!.err as Logged;
    expect(err.message).toContain('The journal could not be written');
    expect(err.stack).toMatch(/log\.test\.ts:\d+/);
    const stack = expect.stringMatching(/log\.test\.ts:\d+/);
    expect(err.cause).toMatchObject({ message: 'EIO: i/o error, write', stack });
  });

  it('stays within its size: the oldest lines rotate out into a few numbered files', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tejun-log-'));
    const log = createLog(dataDir, { maxBytes: 4096, keep: 2 });
    for (let i = 0; i < 200; i++) log.info({ i }, 'x'.repeat(100));
    const files = readdirSync(join(dataDir, 'logs')).sort();
    expect(files).toEqual(['tejun.log', 'tejun.log.1', 'tejun.log.2']);
    for (const f of files) expect(statSync(join(dataDir, 'logs', f)).size).toBeLessThanOrEqual(4096);
    expect(lines(dataDir).at(-1)).toMatchObject({ i: 199 });
  });

  it('leaves a record valid JSON even when a pattern would run to the end of the line', () => {
    const out = redactLine(JSON.stringify({ msg: 'key: -----BEGIN RSA PRIVATE KEY-----\nMIIE' }) + '\n');
    expect(JSON.parse(out)).toEqual({ msg: 'key: ‹redacted›' });
  });
});

describe('an uncaught error', () => {
  it('is logged with its stack, whatever Node then does', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tejun-log-'));
    const stop = logUncaught(createLog(dataDir));
    try {
      const emit = process.emit as (e: string, ...a: unknown[]) => boolean;
      emit.call(process, 'uncaughtExceptionMonitor', new Error('boom in a timer'), 'uncaughtException');
    } finally {
      stop();
    }
    const [rec] = lines(dataDir);
    expect(rec).toMatchObject({ level: 60, origin: 'uncaughtException', err: { message: 'boom in a timer' } });
    expect((rec!.err as { stack: string }).stack).toMatch(/log\.test\.ts:\d+/);
    expect(process.listenerCount('uncaughtExceptionMonitor')).toBe(0);
  });
});
