// What the pty tests share: a host whose shells start with an empty HOME (so the machine user's rc
// files and their locks play no part), a sink that collects output and exit, and small waits.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PtyHost as RealPtyHost, type TerminalSink } from './ptyHost';

const HOME = mkdtempSync(join(tmpdir(), 'tejun-pty-home-'));

export class TestPtyHost extends RealPtyHost {
  constructor() {
    super({ env: { PATH: process.env.PATH, HOME, SHELL: '/bin/bash', LANG: 'C.UTF-8' } });
  }
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

export async function until(pred: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
