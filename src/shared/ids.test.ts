import { describe, expect, it } from 'vitest';
import { isSessionId } from './ids';

describe('a session id', () => {
  it('names a folder and nothing outside it', () => {
    expect(isSessionId('20261127-0130-release-3f2a')).toBe(true);
    for (const bad of ['', '../etc', 'a/b', 'a b', 'x'.repeat(81), 'séance', 'a\n'])
      expect(isSessionId(bad)).toBe(false);
  });
});
