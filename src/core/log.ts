// tejun's own log: one JSON object a line (pino) in <data>/logs/tejun.log, readable only by the operator
// (0600), bounded in size (a few rotated files), with every string passed through the evidence redactor
// first, so a token in an error message or a command line never lands on disk in clear.
import { closeSync, existsSync, fchmodSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { Redactor } from './evidence/redact';

export type Log = Logger;

export const LOG_FOLDER = 'logs';
export const LOG_FILE = 'tejun.log';
/** A night's worth of lines fits many times over; older lines go to tejun.log.1 … .N. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_KEEP = 3;

export const logFile = (dataDir: string): string => join(dataDir, LOG_FOLDER, LOG_FILE);

/**
 * A size-bounded, append-only file written synchronously: the line that explains a crash is in the
 * file before the process goes. Above maxBytes the file becomes .1 (the oldest beyond `keep` is replaced).
 */
export class RotatingFile {
  private fd = -1;
  private size = 0;

  constructor(
    readonly file: string,
    private readonly maxBytes = LOG_MAX_BYTES,
    private readonly keep = LOG_KEEP,
  ) {
    this.open();
  }

  private open(): void {
    this.fd = openSync(this.file, 'a', 0o600);
    // A file made by an older version, or copied in, is narrowed to the operator too.
    fchmodSync(this.fd, 0o600);
    this.size = fstatSync(this.fd).size;
  }

  write(line: string): boolean {
    const bytes = Buffer.from(line, 'utf8');
    if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
    writeSync(this.fd, bytes);
    this.size += bytes.length;
    return true;
  }

  private rotate(): void {
    closeSync(this.fd);
    for (let i = this.keep - 1; i >= 1; i--) {
      const from = `${this.file}.${i}`;
      if (existsSync(from)) renameSync(from, `${this.file}.${i + 1}`);
    }
    renameSync(this.file, `${this.file}.1`);
    this.open();
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** Every string in a log record redacted; the record stays valid JSON whatever a pattern matched. */
export function redactLine(line: string, redactor: Redactor = new Redactor()): string {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactor.redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  try {
    return JSON.stringify(walk(JSON.parse(line))) + '\n';
  } catch {
    return redactor.redact(line);
  }
}

export interface LogOptions {
  maxBytes?: number;
  keep?: number;
  level?: pino.LevelWithSilent;
}

/** The log of one host process, in <dataDir>/logs. */
export function createLog(dataDir: string, opts: LogOptions = {}): Log {
  mkdirSync(join(dataDir, LOG_FOLDER), { recursive: true, mode: 0o700 });
  const file = new RotatingFile(logFile(dataDir), opts.maxBytes, opts.keep);
  const redactor = new Redactor();
  return pino(
    {
      level: opts.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // An error keeps its stack and the chain of causes it was wrapped in.
      serializers: { err: pino.stdSerializers.errWithCause },
      hooks: { streamWrite: (s) => redactLine(s, redactor) },
    },
    file,
  );
}

/** For tests and tools that keep no log: the same interface, writing nothing. */
export function silentLog(): Log {
  return pino({ level: 'silent' });
}

// One monitor for the process, however many hosts (tests start several) hand it their log.
const crashLogs = new Set<Log>();
const monitor = (err: Error, origin: string): void => {
  for (const log of crashLogs) log.fatal({ err, origin }, 'uncaught error: the process ends');
};

/** Anything that escapes every handler is logged with its stack; Node's own handling (exit) is left as it is. */
export function logUncaught(log: Log): () => void {
  if (!crashLogs.size) process.on('uncaughtExceptionMonitor', monitor);
  crashLogs.add(log);
  return () => {
    crashLogs.delete(log);
    if (!crashLogs.size) process.off('uncaughtExceptionMonitor', monitor);
  };
}
