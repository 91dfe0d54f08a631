import { beforeEach, describe, expect, it } from 'vitest';
import { holdFocus, trapStep } from './trap';

describe('trapStep', () => {
  it('wraps Tab from the last stop to the first and Shift+Tab from the first to the last', () => {
    expect(trapStep(['a', 'b', 'c'], 'c', false)).toBe('a');
    expect(trapStep(['a', 'b', 'c'], 'a', true)).toBe('c');
    expect(trapStep(['a', 'b', 'c'], 'a', false)).toBe('b');
    expect(trapStep(['a', 'b'], 'x', false)).toBe('a');
    expect(trapStep([], 'x', false)).toBeNull();
  });
});

function tab(shift = false): void {
  document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: shift, bubbles: true }));
}

describe('holdFocus', () => {
  beforeEach(() => {
    document.body.innerHTML = `<textarea id="shell"></textarea><button id="outside">x</button>
      <div id="dlg" role="dialog" aria-modal="true"><input id="reason"><button id="confirm" data-autofocus>Run</button>
      <button id="cancel">Cancel</button></div>`;
  });
  it('takes the focus on its marked button, keeps Tab inside, and gives the focus back on close', () => {
    document.getElementById('shell')!.focus();
    const release = holdFocus(document.getElementById('dlg')!);
    expect(document.activeElement?.id).toBe('confirm');
    tab();
    expect(document.activeElement?.id).toBe('cancel');
    tab();
    expect(document.activeElement?.id).toBe('reason');
    tab(true);
    expect(document.activeElement?.id).toBe('cancel');
    document.getElementById('outside')!.focus();
    expect(document.getElementById('dlg')!.contains(document.activeElement)).toBe(true);
    release();
    expect(document.activeElement?.id).toBe('shell');
  });
  it('without a marked element, the first stop takes the focus', () => {
    document.getElementById('confirm')!.removeAttribute('data-autofocus');
    const release = holdFocus(document.getElementById('dlg')!);
    expect(document.activeElement?.id).toBe('reason');
    release();
  });
  it('when what had the focus is gone, closing leaves it where it is rather than throwing', () => {
    const shell = document.getElementById('shell')!;
    shell.focus();
    const release = holdFocus(document.getElementById('dlg')!);
    shell.remove();
    expect(() => release()).not.toThrow();
  });
});
