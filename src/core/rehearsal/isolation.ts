// What keeps a rehearsal shell away from production, beyond the shims: an OS sandbox when the OS
// offers one. Linux: bubblewrap (user + network namespace with only loopback, the real file system
// read-only, the rehearsal folder and a scratch home writable, private /tmp and /run), else
// `unshare` (network only). macOS: sandbox-exec with a deny-network, deny-write profile. Elsewhere,
// or when none starts here: shims only, and everything that reads this says so.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type IsolationKind = 'bwrap' | 'unshare' | 'sandbox-exec' | 'shims-only';

export interface Isolation {
  kind: IsolationKind;
  /** Blocked attempts are observed with strace (Linux); null: they are not observed at all. */
  observer: 'strace' | null;
  /** Files outside the rehearsal folder are read-only for the shell. */
  readOnlyFs: boolean;
  /** Why this kind (what was tried and failed), for the report. */
  note: string;
}

export interface WrapOptions {
  /** The rehearsal folder: writable inside the sandbox (scratch home, root, shim log). */
  dir: string;
  /** Read-only paths the shell needs that a private /tmp or /run would hide (integration scripts, node). */
  keep: string[];
  /** Where strace writes what it saw, when observing. */
  traceLog: string;
}

const SWITCH = 'TEJUN_REHEARSAL_SANDBOX';
/** Only the syscalls that reach out or change files, and only when they fail (`?`: may not exist here). */
export const TRACED = [
  'connect',
  'sendto',
  'sendmsg',
  '?open',
  'openat',
  '?creat',
  '?mkdir',
  'mkdirat',
  '?unlink',
  'unlinkat',
  '?rename',
  'renameat',
  'renameat2',
  '?rmdir',
  'truncate',
  '?link',
  'linkat',
  '?symlink',
  'symlinkat',
  '?chmod',
  'fchmodat',
];

const ok = (file: string, args: string[]) => {
  try {
    return spawnSync(file, args, { stdio: 'ignore', timeout: 5000 }).status === 0;
  } catch {
    return false;
  }
};

const SHIMS_ONLY = (note: string): Isolation => ({ kind: 'shims-only', observer: null, readOnlyFs: false, note });

/** bwrap's arguments up to the command; the same set is used for the probe, so a pass means it works. */
export function bwrapArgs(o: WrapOptions): string[] {
  const a = ['--unshare-user', '--unshare-net', '--unshare-ipc', '--unshare-pid', '--unshare-uts', '--die-with-parent'];
  a.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp', '--tmpfs', '/run');
  // Host daemons' sockets (docker.sock, an ssh agent) live in /run and /var/run: hidden, not just read-only.
  if (existsSync('/var/run') && !lstatSync('/var/run').isSymbolicLink()) a.push('--tmpfs', '/var/run');
  for (const k of o.keep) if (existsSync(k)) a.push('--ro-bind', k, k);
  a.push('--bind', o.dir, o.dir);
  return a;
}

/** strace's arguments (Linux): failed reaching-out and file-changing calls only, timestamped. */
export function straceArgs(log: string): string[] {
  // -y: a relative path comes with its folder (`AT_FDCWD</etc>, "x"`), so `cd /etc; > x` is named in full.
  return [
    '-f',
    '-qq',
    '-y',
    '--seccomp-bpf',
    '-ttt',
    '-e',
    'signal=none',
    '-e',
    'status=failed',
    '-e',
    `trace=${TRACED.join(',')}`,
    '-o',
    log,
    '--',
  ];
}

/**
 * A deny-network, deny-write-outside profile for macOS sandbox-exec (written, not run here: no macOS in CI).
 * Seatbelt matches real paths, so the rehearsal folder is given as it resolves (/var → /private/var) and as
 * named. Like the Linux sandbox: loopback and local sockets stay, nothing else leaves the machine.
 */
export function macProfile(dir: string, real: string = dir): string {
  const q = (s: string) => `"${s.replace(/["\\]/g, (c) => '\\' + c)}"`;
  const dirs = [...new Set([dir, real])].map((d) => `(subpath ${q(d)})`).join(' ');
  return [
    '(version 1)',
    '(allow default)',
    '(deny network*)',
    '(allow network-outbound (remote unix-socket))',
    '(allow network-outbound (remote ip "localhost:*"))',
    '(deny file-write*)',
    `(allow file-write* ${dirs} (literal "/dev/null") (literal "/dev/tty") (regex #"^/dev/(fd/|ttys)"))`,
  ].join('\n');
}

/**
 * Whether the sandbox holds what a flagged command could do. Only the network is held by every sandbox;
 * a write outside the folder (or whatever an absolute path, `eval` or an interpreter may do) only by one
 * that makes the file system read-only. `unshare` does not: there, such a command asks first.
 */
export function heldBySandbox(iso: Pick<Isolation, 'kind' | 'readOnlyFs'>, bypass: { kind: string }[]): boolean {
  if (iso.kind === 'shims-only') return false;
  return iso.readOnlyFs || bypass.every((b) => b.kind === 'remote' || b.kind === 'raw-socket');
}

/** What isolated the rehearsal, in one line for the drill's log and its stop message. */
export function isolationLine(iso: Isolation): string {
  if (iso.kind === 'shims-only') return `shims only — commands can reach the network (${iso.note})`;
  return `${iso.note}; blocked attempts ${iso.observer ? `observed with ${iso.observer}` : 'not observed'}`;
}

let cached: Isolation | null = null;

/** What this machine offers, found by actually starting each sandbox once (cached for the process). */
export function detectIsolation(env: NodeJS.ProcessEnv = process.env, platform = process.platform): Isolation {
  const forced = env[SWITCH];
  if (forced === 'off') return SHIMS_ONLY(`${SWITCH}=off`);
  const mine = !forced && platform === process.platform;
  if (cached && mine) return cached;
  const found = probe(platform, forced);
  if (mine) cached = found;
  return found;
}

function probe(platform: NodeJS.Platform, forced: string | undefined): Isolation {
  if (platform === 'darwin') {
    return ok('/usr/bin/sandbox-exec', ['-p', macProfile('/tmp'), '/usr/bin/true'])
      ? {
          kind: 'sandbox-exec',
          observer: null,
          readOnlyFs: true,
          note: 'macOS sandbox-exec: no network, writes only in the rehearsal folder',
        }
      : SHIMS_ONLY('sandbox-exec did not start');
  }
  if (platform !== 'linux') return SHIMS_ONLY(`no OS sandbox on ${platform}`);
  const observer = ok('strace', ['-f', '-qq', '--seccomp-bpf', '-o', '/dev/null', '--', 'true'])
    ? ('strace' as const)
    : null;
  const tries: string[] = [];
  if (forced !== 'unshare') {
    if (ok('bwrap', [...bwrapArgs({ dir: '/tmp', keep: [], traceLog: '' }), 'true'])) {
      return {
        kind: 'bwrap',
        observer,
        readOnlyFs: true,
        note: 'bubblewrap: no network (loopback only), file system read-only',
      };
    }
    tries.push('bwrap did not start (not installed, or no unprivileged user namespaces)');
  }
  if (ok('unshare', ['--user', '--map-root-user', '--net', 'true'])) {
    return {
      kind: 'unshare',
      observer,
      readOnlyFs: false,
      note: `unshare: no network; files NOT write-protected${tries.length ? ` (${tries.join('; ')})` : ''}`,
    };
  }
  tries.push('unshare --user --net did not start');
  return SHIMS_ONLY(tries.join('; '));
}

/** How to start `shell args` inside the sandbox: the program node-pty spawns and its arguments. */
export function wrapShell(
  iso: Isolation,
  shell: string,
  args: string[],
  o: WrapOptions,
): { file: string; args: string[] } {
  const traced = iso.observer === 'strace' ? ['strace', ...straceArgs(o.traceLog)] : [];
  const inner = [...traced, shell, ...args];
  if (iso.kind === 'bwrap') return { file: 'bwrap', args: [...bwrapArgs(o), '--', ...inner] };
  if (iso.kind === 'unshare') return { file: 'unshare', args: ['--user', '--map-root-user', '--net', '--', ...inner] };
  if (iso.kind === 'sandbox-exec') {
    const profile = join(o.dir, 'sandbox.sb');
    writeFileSync(profile, macProfile(o.dir, realpathSync(o.dir)), { mode: 0o600 });
    return { file: '/usr/bin/sandbox-exec', args: ['-f', profile, shell, ...args] };
  }
  return { file: shell, args };
}

/** The folders a sandboxed shell needs that a private /tmp or /run would hide. */
export function keepPaths(paths: string[]): string[] {
  return [
    ...new Set(
      paths
        .filter((p) => /^\/(tmp|run|var\/run)\//.test(p))
        .map((p) => (existsSync(p) && lstatSync(p).isFile() ? dirname(p) : p)),
    ),
  ];
}
