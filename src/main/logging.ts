// What the desktop shell itself sees go wrong, into the same log as core: a renderer or a helper process that
// died (the window goes blank; the operator needs to know why afterwards).
import type { Log } from '../core/log';

interface Gone {
  reason: string;
  exitCode: number;
}
interface ContentsLike {
  on(event: 'render-process-gone', listener: (e: unknown, details: Gone) => void): unknown;
}
interface ChildGone extends Gone {
  type: string;
  name?: string;
}
interface AppLike {
  on(event: 'child-process-gone', listener: (e: unknown, details: ChildGone) => void): unknown;
}

export function logRendererGone(contents: ContentsLike, log: Log): void {
  contents.on('render-process-gone', (_e, d) => {
    log.error({ reason: d.reason, exitCode: d.exitCode }, 'the window’s renderer process is gone');
  });
}

export function logChildGone(app: AppLike, log: Log): void {
  app.on('child-process-gone', (_e, d) => {
    if (d.reason === 'clean-exit') return;
    const { type, name, reason, exitCode } = d;
    log.error({ type, name, reason, exitCode }, 'an Electron helper process is gone');
  });
}
