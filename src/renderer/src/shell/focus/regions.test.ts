import { beforeEach, describe, expect, it } from 'vitest';
import { cycleRegion, nextRegion, regionOf } from './regions';

describe('nextRegion', () => {
  it('walks header → navigator → step → terminal and wraps, both ways', () => {
    const all = ['terminal', 'header', 'step', 'navigator'] as const;
    expect(nextRegion(all, 'header', false)).toBe('navigator');
    expect(nextRegion(all, 'terminal', false)).toBe('header');
    expect(nextRegion(all, 'header', true)).toBe('terminal');
    expect(nextRegion(all, 'step', true)).toBe('navigator');
  });
  it('skips regions not on the page and starts at an end from outside any region', () => {
    expect(nextRegion(['header', 'terminal'], 'header', false)).toBe('terminal');
    expect(nextRegion(['header', 'step'], null, false)).toBe('header');
    expect(nextRegion(['header', 'step'], null, true)).toBe('step');
    expect(nextRegion([], 'header', false)).toBeNull();
  });
});

describe('cycleRegion on a page', () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <header data-region="header"><button id="open">Open</button></header>
      <nav data-region="navigator"><button id="s1">Step 1</button></nav>
      <section data-region="step"><button id="skip">Skip</button><button id="go" disabled data-region-entry>Go</button>
        <button id="start" data-region-entry>Start</button></section>
      <div data-region="terminal"><button id="tab">1</button><textarea id="xterm" data-region-entry></textarea></div>`;
  });
  it('F6 from the shell leaves it for the header; Shift+F6 goes back to the step card', () => {
    document.getElementById('xterm')!.focus();
    expect(cycleRegion(false)).toBe('header');
    expect(document.activeElement?.id).toBe('open');
    expect(cycleRegion(true)).toBe('terminal');
    expect(document.activeElement?.id).toBe('xterm');
    expect(cycleRegion(true)).toBe('step');
  });
  it('lands on the first usable entry of the region (a disabled Go is passed over)', () => {
    document.getElementById('s1')!.focus();
    cycleRegion(false);
    expect(document.activeElement?.id).toBe('start');
    expect(regionOf(document.activeElement)).toBe('step');
  });
  it('a region with nothing to focus takes the focus itself', () => {
    document.querySelector('[data-region="navigator"]')!.innerHTML = '<p>empty</p>';
    document.getElementById('open')!.focus();
    cycleRegion(false);
    expect(document.activeElement?.getAttribute('data-region')).toBe('navigator');
  });
  it('a hidden region is passed over', () => {
    document.querySelector<HTMLElement>('[data-region="navigator"]')!.hidden = true;
    document.getElementById('open')!.focus();
    expect(cycleRegion(false)).toBe('step');
  });
});
