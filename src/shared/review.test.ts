import { describe, expect, it } from 'vitest';
import { fingerprintCode, needsFourEyes } from './review';

const change = { id: 'p1/change-image', kind: 'change', title: '[Change] Update the image' };
const before = { id: 'p1/before', kind: 'before', title: '[Before] Check the pods' };

describe('which steps need a checker', () => {
  it('follows the front matter: every change step, every step, or the steps it lists', () => {
    expect(needsFourEyes(change, 'change', {})).toBe(true);
    expect(needsFourEyes(before, 'change', {})).toBe(false);
    expect(needsFourEyes(before, 'all', {})).toBe(true);
    expect(needsFourEyes(before, '["Check the pods"]', {})).toBe(true);
    expect(needsFourEyes(change, '["Check the pods"]', {})).toBe(false);
    expect(needsFourEyes(change, undefined, {})).toBe(false);
  });
  it("lets the operator's switch decide for one step, or turn it on for every change step", () => {
    expect(needsFourEyes(change, 'change', { [change.id]: false })).toBe(false);
    expect(needsFourEyes(before, undefined, { [before.id]: true })).toBe(true);
    expect(needsFourEyes(change, undefined, { '*': true })).toBe(true);
    expect(needsFourEyes(before, undefined, { '*': true })).toBe(false);
  });
});

describe('the code read aloud', () => {
  it('is the start of the SHA-256 in four groups, as a certificate viewer shows it', () => {
    expect(fingerprintCode('1e0f10e10536b912' + 'a'.repeat(48))).toBe('1E0F-10E1-0536-B912');
  });
});
