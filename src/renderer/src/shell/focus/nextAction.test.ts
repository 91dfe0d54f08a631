import { beforeEach, describe, expect, it } from 'vitest';
import { sessionView, steps } from '../../testing/fixtures';
import { useAppStore } from '../../store';
import { nextActionKey } from './nextAction';

const fresh = useAppStore.getState();
beforeEach(() => useAppStore.setState(fresh, true));
const key = () => nextActionKey(useAppStore.getState());

describe('what the operator does next (the focus follows when it changes)', () => {
  it('is nothing before a runbook is open, and opening it once one is', () => {
    expect(key()).toBe('');
    useAppStore.getState().setDoc(sessionView().doc);
    expect(key()).toMatch(/^open:/);
  });
  it('changes when the step is started, then when it is done and the next comes up', () => {
    useAppStore.getState().setSession(sessionView());
    const pending = key();
    useAppStore.getState().setSession(sessionView({ activeStepId: 's1', steps: steps({ s1: 'active' }) }));
    const active = key();
    useAppStore.getState().setSession(sessionView({ steps: steps({ s1: 'done' }) }));
    const next = key();
    expect(new Set([pending, active, next]).size).toBe(3);
    expect(next).toContain('s2');
  });
  it('stays the same while nothing the operator must do changes (a note, a terminal tab)', () => {
    useAppStore.getState().setSession(sessionView());
    const before = key();
    useAppStore.getState().setSession(sessionView({ noteCount: 3 }));
    useAppStore.getState().addTerminal();
    expect(key()).toBe(before);
  });
  it('changes to the verification gate once the phases up to it are finished', () => {
    const all = steps({ s1: 'done', s2: 'done', s3: 'done', s4: 'done' });
    useAppStore.getState().setSession(sessionView({ steps: all }));
    expect(key()).toMatch(/\|gate$/);
  });
});
