import { beforeEach, describe, expect, it } from 'vitest';
import { sessionState, sessionView } from '../testing/fixtures';
import { useAppStore } from '.';

const fresh = useAppStore.getState();
beforeEach(() => useAppStore.setState(fresh, true));

describe('the session slice', () => {
  it('shows the session’s own copy of the runbook while it is open', () => {
    const view = sessionView();
    useAppStore.getState().setSession(view);
    expect(useAppStore.getState().doc).toBe(view.doc);
  });
  it('keeps the newest state: an older one arriving late, or another session’s, changes nothing', () => {
    useAppStore.getState().setSession(sessionView({ lastSeq: 5 }));
    useAppStore.getState().setSessionState('S1', sessionState({ lastSeq: 4, lifecycle: 'rollback' }));
    useAppStore.getState().setSessionState('S2', sessionState({ lastSeq: 9, lifecycle: 'rollback' }));
    expect(useAppStore.getState().session?.state.lifecycle).toBe('running');
    useAppStore.getState().setSessionState('S1', sessionState({ lastSeq: 6, lifecycle: 'rollback' }));
    expect(useAppStore.getState().session?.state.lifecycle).toBe('rollback');
  });
  it('turns read-only, with what was lost, once the journal failed to record an event', () => {
    useAppStore.getState().setSession(sessionView());
    const lost = [{ event: 'step-complete', at: '2026-11-27T02:00:00Z', reason: 'ENOSPC' }];
    useAppStore.getState().setSessionState('S1', sessionState({ lastSeq: 2 }), lost);
    expect(useAppStore.getState().session).toMatchObject({ readOnly: true, lost });
  });
  it('asks the rollback question once per trigger, but every time an incident is raised', () => {
    const { ask } = useAppStore.getState();
    ask('deadline');
    expect(useAppStore.getState().question?.trigger).toBe('deadline');
    ask(null);
    ask('deadline');
    expect(useAppStore.getState().question).toBeNull();
    ask('incident:1');
    ask(null);
    ask('incident:1');
    expect(useAppStore.getState().question?.trigger).toBe('incident:1');
  });
});
