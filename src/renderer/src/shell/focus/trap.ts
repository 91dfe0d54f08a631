// A dialog keeps the focus while it is open and gives it back where it was when it closes.
import { useEffect, type RefObject } from 'react';
import { focusables } from './regions';

/** What Tab (or Shift+Tab) from `active` should focus inside the dialog: it wraps at both ends. */
export function trapStep<T>(stops: readonly T[], active: T | null, back: boolean): T | null {
  if (stops.length === 0) return null;
  const at = active === null ? -1 : stops.indexOf(active);
  if (at < 0) return back ? stops[stops.length - 1]! : stops[0]!;
  return stops[(at + (back ? stops.length - 1 : 1)) % stops.length]!;
}

/** Focus the dialog's [data-autofocus] (else its first stop) on open; trap Tab; restore on close. */
export function holdFocus(dialog: HTMLElement): () => void {
  const doc = dialog.ownerDocument;
  const before = doc.activeElement as HTMLElement | null;
  const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(dialog)[0] ?? dialog;
  if (first === dialog && !dialog.hasAttribute('tabindex')) dialog.tabIndex = -1;
  first.focus();
  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Tab') return;
    const next = trapStep(focusables(dialog), doc.activeElement as HTMLElement | null, e.shiftKey);
    e.preventDefault();
    next?.focus();
  };
  // Focus that leaves by other means (a click outside, a script) is brought back in.
  const onFocusIn = (e: FocusEvent): void => {
    if (e.target instanceof Element && e.target.closest('[aria-modal="true"]')) return;
    if (e.target instanceof Node && !dialog.contains(e.target)) (focusables(dialog)[0] ?? dialog).focus();
  };
  dialog.addEventListener('keydown', onKey);
  doc.addEventListener('focusin', onFocusIn);
  return () => {
    dialog.removeEventListener('keydown', onKey);
    doc.removeEventListener('focusin', onFocusIn);
    if (before && before.isConnected && before !== doc.body) before.focus();
    // What had the focus went while the dialog was open (Start became Done): the step's primary action.
    else doc.querySelector<HTMLElement>('[data-region="step"] [data-region-entry]:not(:disabled)')?.focus();
  };
}

export function useDialogFocus(ref: RefObject<HTMLElement | null>, open: boolean): void {
  useEffect(() => {
    if (!open || !ref.current) return;
    return holdFocus(ref.current);
  }, [open, ref]);
}
