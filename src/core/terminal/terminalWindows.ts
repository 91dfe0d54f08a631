// Which windows show a session's terminal, and which one types in it. One window holds the keyboard
// (its keystrokes and acknowledgements count); others of the same session watch the same output and
// are told they do not type. When the holder goes, the window that looked last takes over.
import type { ClientCtx } from '../host';

export class TerminalWindows {
  private readonly holder = new Map<string, ClientCtx>();
  private readonly watchers = new Map<string, ClientCtx[]>();

  /** Every window that shows the terminal: the holder first. */
  all(id: string): ClientCtx[] {
    const h = this.holder.get(id);
    return [...(h ? [h] : []), ...(this.watchers.get(id) ?? [])];
  }

  holderOf(id: string): ClientCtx | undefined {
    return this.holder.get(id);
  }

  /** `ctx` holds the keyboard now; the one that had it, if any, watches and is told. */
  hold(id: string, ctx: ClientCtx): void {
    const before = this.holder.get(id);
    this.unwatch(id, ctx.clientId);
    this.holder.set(id, ctx);
    if (before && before.clientId !== ctx.clientId) {
      this.watchers.set(id, [...(this.watchers.get(id) ?? []), before]);
      before.emit('terminal:typing', { id, typing: false });
    }
    ctx.emit('terminal:typing', { id, typing: true });
  }

  isWatching(id: string, clientId: string): boolean {
    return (this.watchers.get(id) ?? []).some((c) => c.clientId === clientId);
  }

  /**
   * A window stops showing the terminal. When it held the keyboard, the last watcher gets it (returned, so
   * that the pty follows); null when nobody is left and the shell waits detached.
   */
  leave(id: string, clientId: string): { next: ClientCtx | null; held: boolean } {
    if (this.holder.get(id)?.clientId !== clientId) {
      this.unwatch(id, clientId);
      return { next: null, held: false };
    }
    this.holder.delete(id);
    const rest = this.watchers.get(id) ?? [];
    const next = rest.pop() ?? null;
    if (!rest.length) this.watchers.delete(id);
    if (next) this.holder.set(id, next);
    next?.emit('terminal:typing', { id, typing: true });
    return { next, held: true };
  }

  /** A window went away: it watches nothing any more. */
  dropWatcher(clientId: string): void {
    for (const id of [...this.watchers.keys()]) this.unwatch(id, clientId);
  }

  /** The terminal is gone. */
  forget(id: string): void {
    this.holder.delete(id);
    this.watchers.delete(id);
  }

  private unwatch(id: string, clientId: string): void {
    const rest = (this.watchers.get(id) ?? []).filter((c) => c.clientId !== clientId);
    if (rest.length) this.watchers.set(id, rest);
    else this.watchers.delete(id);
  }
}
