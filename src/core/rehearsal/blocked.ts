// The attempts a rehearsal's sandbox refused, read from strace's log of failed calls: a connection
// to an internet address (the namespace has no route out; loopback there is its own), or a change
// to a file on the read-only real file system (EROFS). Limits, stated in the report: a UDP send that
// "succeeds" into the empty loopback, and anything the shell did while strace was not running, are
// not seen; the log sits in the rehearsal folder, so a hostile command could also tamper with it.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

export interface BlockedAttempt {
  kind: 'network' | 'write';
  target: string;
  call: string;
}

const LINE = /^\d+\s+[\d.]+\s+([a-z0-9_]+)\((.*)\)\s+=\s+-1\s+(E[A-Z0-9]+)/;
const WRITES = new Set([
  'open',
  'openat',
  'creat',
  'mkdir',
  'mkdirat',
  'unlink',
  'unlinkat',
  'rename',
  'renameat',
  'renameat2',
  'rmdir',
  'truncate',
  'link',
  'linkat',
  'symlink',
  'symlinkat',
  'chmod',
  'fchmodat',
]);

function address(args: string): string | null {
  const v4 = /sa_family=AF_INET,\s*sin_port=htons\((\d+)\),\s*sin_addr=inet_addr\("([^"]+)"\)/.exec(args);
  if (v4) return `${v4[2]}:${v4[1]}`;
  const v6 = /sa_family=AF_INET6,\s*sin6_port=htons\((\d+)\).*?inet_pton\(AF_INET6,\s*"([^"]+)"/.exec(args);
  return v6 ? `[${v6[2]}]:${v6[1]}` : null;
}

/** One strace line → a refused attempt, or null when it is not one (a missing file, a unix socket). */
export function parseBlockedLine(line: string): BlockedAttempt | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const [, call, args, err] = m as unknown as [string, string, string, string];
  if (call === 'connect' || call === 'sendto' || call === 'sendmsg') {
    const to = address(args);
    return to ? { kind: 'network', target: to, call: `${call} ${err}` } : null;
  }
  if (WRITES.has(call) && err === 'EROFS') {
    const path = /"((?:[^"\\]|\\.)*)"/.exec(args)?.[1] ?? '?';
    const dir = /^[^,"]*<([^>]*)>\s*,/.exec(args)?.[1];
    return {
      kind: 'write',
      target: !path.startsWith('/') && dir ? `${dir.replace(/\/$/, '')}/${path}` : path,
      call: `${call} ${err}`,
    };
  }
  return null;
}

/** The refused attempts logged since `offset` (complete lines only), and the new offset. */
export function readBlocked(file: string, offset: number): { attempts: BlockedAttempt[]; offset: number } {
  if (!existsSync(file)) return { attempts: [], offset };
  const size = statSync(file).size;
  if (size <= offset) return { attempts: [], offset: Math.min(offset, size) };
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(size - offset);
  try {
    readSync(fd, buf, 0, buf.length, offset);
  } finally {
    closeSync(fd);
  }
  const text = buf.toString('utf8');
  const end = text.lastIndexOf('\n');
  if (end < 0) return { attempts: [], offset };
  const attempts = text
    .slice(0, end)
    .split('\n')
    .map(parseBlockedLine)
    .filter((a): a is BlockedAttempt => a !== null);
  return { attempts, offset: offset + Buffer.byteLength(text.slice(0, end + 1)) };
}
