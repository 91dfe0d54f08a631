import { beforeEach, describe, expect, it } from 'vitest';
import { sessionView } from '../testing/fixtures';
import { useAppStore } from '.';

const fresh = useAppStore.getState();
beforeEach(() => useAppStore.setState(fresh, true));

describe('the runbook slice', () => {
  it('opening another runbook drops the old selection and closes the session', () => {
    const view = sessionView();
    useAppStore.getState().setSession(view);
    useAppStore.getState().select({ id: 's2', line: 7 });
    useAppStore.getState().setDoc({ ...view.doc, name: 'other.md' });
    const s = useAppStore.getState();
    expect(s.doc?.name).toBe('other.md');
    expect(s.selected).toBeNull();
    expect(s.session).toBeNull();
  });
});
