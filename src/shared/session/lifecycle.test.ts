import { describe, expect, it } from 'vitest';
import { isFinished, isUnderWay, isUnfinished, isWalking } from './lifecycle';
import type { Lifecycle } from './state';

const ALL: Lifecycle[] = ['prepared', 'preflight', 'running', 'monitoring', 'rollback', 'completed', 'signed-off'];
const where = (p: (l: Lifecycle) => boolean) => ALL.filter(p);

describe('what a lifecycle means', () => {
  it('resumes a session left prepared, but does not ask before closing one', () => {
    expect(isUnfinished('prepared')).toBe(true);
    expect(isUnderWay('prepared')).toBe(false);
  });
  it('asks before closing from preflight until the release is finished', () => {
    expect(where(isUnderWay)).toEqual(['preflight', 'running', 'monitoring', 'rollback']);
    expect(where(isFinished)).toEqual(['completed', 'signed-off']);
    expect(where(isUnfinished)).toEqual(['prepared', 'preflight', 'running', 'monitoring', 'rollback']);
  });
  it('walks steps while running, monitoring or rolling back', () => {
    expect(where(isWalking)).toEqual(['running', 'monitoring', 'rollback']);
  });
});
