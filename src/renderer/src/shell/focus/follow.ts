// When the work moves on (a step is started or done, Go, the gate), the focus follows it to the new
// primary action, so Enter does the next thing. It never leaves the shell the operator is typing in,
// a field being filled, or an open dialog.
import { useEffect } from 'react';
import { entryOf, regionOf, type Region } from './regions';

function busyElsewhere(active: Element | null): boolean {
  if (!active || active === active.ownerDocument.body) return false;
  if (regionOf(active) === 'terminal' || active.closest('[aria-modal="true"]')) return true;
  const tag = active.tagName;
  const field = tag === 'INPUT' && (active as HTMLInputElement).type !== 'checkbox';
  return field || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** Focus the entry of the first region in `order` that has a marked entry, unless the operator is busy. */
export function follow(order: readonly Region[], doc: Document = document): HTMLElement | null {
  if (busyElsewhere(doc.activeElement) || doc.querySelector('[aria-modal="true"]')) return null;
  for (const r of order) {
    const region = doc.querySelector<HTMLElement>(`[data-region="${r}"]`);
    if (!region || !region.querySelector('[data-region-entry]')) continue;
    const el = entryOf(region);
    if (el === region) continue;
    el.focus();
    return el;
  }
  return null;
}

/** The first marked entry is disabled for now (a command on its way to the journal): wait for it. */
function waiting(order: readonly Region[], doc: Document): boolean {
  for (const r of order) {
    const first = doc.querySelector<HTMLButtonElement>(`[data-region="${r}"] [data-region-entry]`);
    if (first) return first.disabled;
  }
  return false;
}

/** Re-run `follow` each time `key` (what the operator does next) changes. */
export function useFollowFocus(key: string): void {
  useEffect(() => {
    if (!key) return;
    const order = ['step', 'header'] as const;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = (): void => {
      if (waiting(order, document) && tries++ < 20) timer = setTimeout(attempt, 100);
      else follow(order);
    };
    attempt();
    return () => clearTimeout(timer);
  }, [key]);
}
