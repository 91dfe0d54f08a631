import { beforeEach, describe, expect, it } from 'vitest';
import { follow } from './follow';

describe('follow', () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <div data-region="header"><button id="gate" data-region-entry>Healthy</button></div>
      <div data-region="step"><button id="done" data-region-entry>Done</button><input id="blank"></div>
      <div data-region="terminal"><textarea id="xterm"></textarea></div>`;
  });
  it('moves the focus to the step card’s primary action', () => {
    expect(follow(['step', 'header'])?.id).toBe('done');
    expect(document.activeElement?.id).toBe('done');
  });
  it('goes to the header’s decision when the step card has none', () => {
    document.getElementById('done')!.removeAttribute('data-region-entry');
    expect(follow(['step', 'header'])?.id).toBe('gate');
  });
  it('leaves the focus in the shell while the operator types there', () => {
    document.getElementById('xterm')!.focus();
    expect(follow(['step', 'header'])).toBeNull();
    expect(document.activeElement?.id).toBe('xterm');
  });
  it('leaves a field being filled, and an open dialog, alone', () => {
    document.getElementById('blank')!.focus();
    expect(follow(['step'])).toBeNull();
    document.body.insertAdjacentHTML('beforeend', '<div aria-modal="true"><button id="x">x</button></div>');
    document.getElementById('x')!.focus();
    expect(follow(['step'])).toBeNull();
    expect(document.activeElement?.id).toBe('x');
  });
});
