// xterm Terminal instances live here, outside the store (class instances are not state): the step
// card reads a terminal's selection from them.
import type { Terminal } from '@xterm/xterm';

const byId = new Map<string, Terminal>();

export const terminals = {
  set(id: string, t: Terminal): void {
    byId.set(id, t);
  },
  delete(id: string): void {
    byId.delete(id);
  },
  selection(id: string | null): string {
    return (id && byId.get(id)?.getSelection()) || '';
  },
  focus(id: string | null): void {
    if (id) byId.get(id)?.focus();
  },
};
