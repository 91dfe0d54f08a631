// Opening a path someone typed, or that a runbook, a bundle or a command line named. A FIFO or a device
// opened the ordinary way blocks a libuv I/O thread until a writer comes (four such opens stall the
// journal's fsyncs); /dev/zero never ends. So: open without blocking, look at what the descriptor is,
// take only a regular file within its size limit, and read from that same descriptor.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TejunError, type ErrorCode } from '../shared/errors';
import { MAX_RUNBOOK_BYTES } from '../shared/runbook';
import { MAX_BUNDLE_BYTES } from '../shared/upload';
import { tooLarge as runbookTooLarge } from './runbook/decode';

export interface ReadRule {
  /** What the file is to the operator: "runbook", "evidence bundle", "rehearsal plan". */
  what: string;
  maxBytes: number;
  /** The error code a refusal carries. */
  code: ErrorCode;
  tooLarge?: ((file: string, size: number) => TejunError) | undefined;
  /** For files tejun wrote itself: a symlink there was not made by tejun. A path the operator names may
   *  be a symlink (runbooks often are); the descriptor's own type is checked either way. */
  noFollow?: boolean;
}

/** A runbook: within the size limit the whole app holds to. */
export const RUNBOOK_READ: ReadRule = {
  what: 'runbook',
  maxBytes: MAX_RUNBOOK_BYTES,
  code: 'RUNBOOK_UNREADABLE',
  tooLarge: runbookTooLarge,
};
/** An evidence bundle, as large as the app lets one be uploaded. */
export const BUNDLE_READ: ReadRule = { what: 'evidence bundle', maxBytes: MAX_BUNDLE_BYTES, code: 'EVIDENCE_FAILED' };
/** A rehearsal plan: a short YAML. */
export const PLAN_READ: ReadRule = { what: 'rehearsal plan', maxBytes: 1024 * 1024, code: 'INVALID_REQUEST' };
/** A signing key (`tejun sign --key FILE`): a PEM of a few hundred bytes. */
export const KEY_READ: ReadRule = { what: 'signing key', maxBytes: 64 * 1024, code: 'KEY_REFUSED' };
/** The settings file of a data folder. */
export const SETTINGS_READ: ReadRule = { what: 'settings file', maxBytes: 16 * 1024 * 1024, code: 'SETTINGS_INVALID' };
/** A session's journal, read whole for an export: at most what one JavaScript string holds. */
export const JOURNAL_READ: ReadRule = {
  what: 'journal',
  maxBytes: 512 * 1024 * 1024,
  code: 'EVIDENCE_FAILED',
  noFollow: true,
};

const flags = (rule: ReadRule): number =>
  constants.O_RDONLY | constants.O_NONBLOCK | (rule.noFollow ? constants.O_NOFOLLOW : 0);

function openError(file: string, rule: ReadRule, err: unknown): TejunError {
  const code = (err as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'it is a folder',
    ELOOP: 'it is a symbolic link, which is not followed here',
    ENXIO: 'it is a socket or a device without a reader',
  };
  const reason = why[code ?? ''] ?? String(code ?? err);
  const message = `${file}: cannot open the ${rule.what} (${reason}). Check the path and try again.`;
  return new TejunError(code === 'ENOENT' ? 'NOT_FOUND' : rule.code, message, { file });
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder (choose the file inside it)';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Refuse anything but a regular file within the limit, before a byte is read. */
function admit(file: string, st: Stats, rule: ReadRule): void {
  if (!st.isFile()) {
    const what = `${file}: this is ${kindOf(st)}, not a regular file`;
    const message = `${what}: tejun reads ${rule.what}s only from regular files. Give the path of the file itself.`;
    throw new TejunError(rule.code, message, { file });
  }
  if (st.size > rule.maxBytes) throw rule.tooLarge?.(file, st.size) ?? tooLargeError(file, st.size, rule);
}

function tooLargeError(file: string, size: number, rule: ReadRule): TejunError {
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
  const message = `${file}: the ${rule.what} is ${mb(size)} MB; tejun reads at most ${mb(rule.maxBytes)} MB.`;
  return new TejunError(rule.code, `${message} Check that this is the right file.`, { file });
}

/** The whole of a regular file, read from the descriptor that was checked; a file that grew past the
 *  limit since fstat is refused too. */
export async function readRegularFile(path: string, rule: ReadRule): Promise<Buffer> {
  const file = resolve(path);
  let handle;
  try {
    handle = await open(file, flags(rule));
  } catch (err) {
    throw openError(file, rule, err);
  }
  try {
    const st = await handle.stat();
    admit(file, st, rule);
    const buf = Buffer.alloc(Math.min(st.size, rule.maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buf.length) break;
    }
    if (filled > rule.maxBytes) throw rule.tooLarge?.(file, filled) ?? tooLargeError(file, filled, rule);
    return buf.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** The same, for the command line, where nothing else runs meanwhile. */
export function readRegularFileSync(path: string, rule: ReadRule): Buffer {
  const file = resolve(path);
  let fd: number;
  try {
    fd = openSync(file, flags(rule));
  } catch (err) {
    throw openError(file, rule, err);
  }
  try {
    const st = fstatSync(fd);
    admit(file, st, rule);
    const buf = Buffer.alloc(Math.min(st.size, rule.maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const n = readSync(fd, buf, filled, buf.length - filled, filled);
      if (n === 0) break;
      filled += n;
      if (filled === buf.length) break;
    }
    if (filled > rule.maxBytes) throw rule.tooLarge?.(file, filled) ?? tooLargeError(file, filled, rule);
    return buf.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}
