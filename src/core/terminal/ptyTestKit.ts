// What the pty tests share: a host whose shells start with an empty HOME (so the machine user's rc
// files and their locks play no part), a sink that collects output and exit, and small waits.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PtyHost as RealPtyHost, type PtyHostOptions, type TerminalSink } from './ptyHost';

export { until } from '../until.testkit';

const HOME = mkdtempSync(join(tmpdir(), 'tejun-pty-home-'));

// Every host a test makes, so `disposePtys` (in afterEach) ends its shells even when the test failed half-way.
const live = new Set<RealPtyHost>();

export class TestPtyHost extends RealPtyHost {
  constructor() {
    super({ env: { PATH: process.env.PATH, HOME, SHELL: '/bin/bash', LANG: 'C.UTF-8' } });
    live.add(this);
  }
}

/** A real PtyHost with the options a test needs, ended by `disposePtys`. */
export function ownedPtyHost(options: PtyHostOptions = {}): RealPtyHost {
  const host = new RealPtyHost(options);
  live.add(host);
  return host;
}

export function disposePtys(): void {
  for (const host of live) host.dispose();
  live.clear();
}

export function collector() {
  let out = '';
  let exited: { code: number; signal: number | null } | null = null;
  const utf8 = new TextDecoder();
  const sink: TerminalSink = {
    data: (_id, d) => (out += utf8.decode(d, { stream: true })),
    exit: (_id, code, signal) => (exited = { code, signal }),
  };
  return { sink, out: () => out, exited: () => exited };
}

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
