// The page's regions, as VS Code has them: F6 / Shift+F6 move between them from anywhere (the terminal
// included), so no region, and above all not the shell, can keep the keyboard. A region is an element
// with data-region; its entry is the first usable [data-region-entry] inside it, else its first stop.
export const REGIONS = ['header', 'navigator', 'step', 'terminal'] as const;
export type Region = (typeof REGIONS)[number];

/** The region after (or before) `current` among those on the page, wrapping around. */
export function nextRegion(present: readonly Region[], current: Region | null, back: boolean): Region | null {
  const order = REGIONS.filter((r) => present.includes(r));
  if (order.length === 0) return null;
  const at = current ? order.indexOf(current) : -1;
  if (at < 0) return back ? order[order.length - 1]! : order[0]!;
  return order[(at + (back ? order.length - 1 : 1)) % order.length]!;
}

const TABBABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

function usable(el: HTMLElement): boolean {
  if (el.closest('[hidden], [inert]')) return false;
  if ((el as HTMLButtonElement).disabled) return false;
  if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
  // jsdom lays nothing out, so a missing layout box alone does not rule an element out there.
  return el.getAttribute('tabindex') !== '-1' || el.hasAttribute('data-region-entry');
}

/** The elements Tab stops at inside `root`, in document order. */
export function focusables(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(usable);
}

export function regionOf(el: Element | null): Region | null {
  const r = el?.closest<HTMLElement>('[data-region]')?.dataset.region;
  return (REGIONS as readonly string[]).includes(r ?? '') ? (r as Region) : null;
}

/** Where focus lands in a region: its marked entry, else its first stop, else the region itself. */
export function entryOf(region: HTMLElement): HTMLElement {
  const marked = [...region.querySelectorAll<HTMLElement>('[data-region-entry]')].find(usable);
  if (marked) return marked;
  const first = focusables(region)[0];
  if (first) return first;
  if (!region.hasAttribute('tabindex')) region.tabIndex = -1;
  return region;
}

export function focusRegion(region: Region, doc: Document = document): boolean {
  const el = doc.querySelector<HTMLElement>(`[data-region="${region}"]`);
  if (!el) return false;
  entryOf(el).focus();
  return true;
}

/** F6 (forward) or Shift+F6 (back): the next region present on the page takes the focus. */
export function cycleRegion(back: boolean, doc: Document = document): Region | null {
  const present = [...doc.querySelectorAll<HTMLElement>('[data-region]')]
    .filter((el) => !el.closest('[hidden]'))
    .map((el) => el.dataset.region as Region);
  const next = nextRegion(present, regionOf(doc.activeElement), back);
  if (next) focusRegion(next, doc);
  return next;
}
