import { describe, expect, it } from 'vitest';
import { percentile } from './percentile';

describe('percentile', () => {
  it('interpolates between closest ranks', () => {
    expect(percentile([10, 20], 50)).toBe(15);
    expect(percentile([10, 20], 90)).toBe(19);
    expect(percentile([4, 1, 3, 2, 5], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
  });
  it('gives the only value for one run, nothing for none, and ignores what is not a number', () => {
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
    expect(percentile([NaN, Infinity, 3], 50)).toBe(3);
  });
});
