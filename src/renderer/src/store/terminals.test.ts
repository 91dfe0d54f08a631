import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '.';

const fresh = useAppStore.getState();
beforeEach(() => useAppStore.setState(fresh, true));
const names = () => useAppStore.getState().terminals.map((t) => t.name);

describe('the terminal tabs', () => {
  it('start with one tab; a new tab is numbered after the highest and becomes the active one', () => {
    expect(names()).toEqual(['1']);
    useAppStore.getState().addTerminal();
    useAppStore.getState().addTerminal();
    useAppStore.getState().removeTerminal(2);
    useAppStore.getState().addTerminal();
    expect(names()).toEqual(['1', '3', '4']);
    expect(useAppStore.getState().activeTerminal).toBe(4);
  });
  it('closing the active tab activates the last one left; closing another keeps the active one', () => {
    const s = useAppStore.getState();
    s.addTerminal();
    s.addTerminal();
    s.setActiveTerminal(2);
    s.removeTerminal(2);
    expect(useAppStore.getState().activeTerminal).toBe(3);
    useAppStore.getState().removeTerminal(1);
    expect(useAppStore.getState().activeTerminal).toBe(3);
  });
  it('closing the last tab opens a fresh shell in its place, never an empty pane', () => {
    useAppStore.getState().updateTerminal(1, { id: 't1', exited: 0 });
    useAppStore.getState().removeTerminal(1);
    const [tab] = useAppStore.getState().terminals;
    expect(tab).toMatchObject({ key: 2, id: null, exited: null, integration: 'pending' });
    expect(useAppStore.getState().activeTerminal).toBe(2);
  });
  it('updates only the tab it names', () => {
    useAppStore.getState().addTerminal();
    useAppStore.getState().updateTerminal(2, { integration: 'active', id: 't9' });
    expect(useAppStore.getState().terminals.map((t) => t.integration)).toEqual(['pending', 'active']);
  });
});
