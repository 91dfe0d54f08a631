import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '.';

const fresh = useAppStore.getState();
beforeEach(() => useAppStore.setState(fresh, true));
const error = (message: string, field?: string) => ({
  code: 'INTERNAL' as const,
  message,
  ...(field ? { field } : {}),
});

describe('the error banners', () => {
  it('keep the newest three, so a flood of errors cannot push the screen away', () => {
    for (const m of ['a', 'b', 'c', 'd']) useAppStore.getState().pushError(error(m));
    expect(useAppStore.getState().errors.map((e) => e.message)).toEqual(['b', 'c', 'd']);
    useAppStore.getState().dismissError(1);
    expect(useAppStore.getState().errors.map((e) => e.message)).toEqual(['b', 'd']);
  });
  it('leave a lost connection to the connection banner, which says it once', () => {
    useAppStore.getState().pushError(error('Not connected', 'connection'));
    expect(useAppStore.getState().errors).toEqual([]);
  });
});

describe('the shortcut sheet and dialogs', () => {
  it('the sheet opens and closes with the same action', () => {
    useAppStore.getState().toggleSheet();
    expect(useAppStore.getState().sheet).toBe(true);
    useAppStore.getState().toggleSheet();
    expect(useAppStore.getState().sheet).toBe(false);
  });
  it('a confirmation and a target refusal open and close', () => {
    const confirm = { stepId: 's1', commandId: 'c1', mode: 'run' as const, reason: 'A change step.' };
    useAppStore.getState().setConfirm(confirm);
    expect(useAppStore.getState().confirm).toEqual(confirm);
    useAppStore.getState().setConfirm(null);
    expect(useAppStore.getState().confirm).toBeNull();
  });
});
