import { beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/contract';
import { TejunError } from '../../../shared/errors';
import { sessionView, steps } from '../testing/fixtures';
import { useAppStore } from '../store';
import { handleShortcut } from './shortcuts';

const fresh = useAppStore.getState();

/** A stand-in for core that records what the keys asked for; `refuse` makes step:run answer with that error. */
function recordingApi(refuse?: TejunError) {
  const calls: { channel: string; params: Record<string, unknown> }[] = [];
  const api = {
    invoke: (channel: string, params: Record<string, unknown>) => {
      calls.push({ channel, params });
      if (channel === 'step:run' && refuse) return Promise.reject(refuse);
      if (channel === 'session:command') return Promise.resolve(useAppStore.getState().session!.state);
      return Promise.resolve(null);
    },
    on: () => () => {},
  } as unknown as Api;
  return { api, calls };
}

function press(key: string, init: KeyboardEventInit = {}, target: Element = document.body): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, ...init });
  Object.defineProperty(e, 'target', { value: target });
  return e;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  useAppStore.setState(fresh, true);
  document.body.innerHTML = '<input id="blank"><div id="shell"></div>';
  useAppStore.getState().setSession(sessionView({ activeStepId: 's1', steps: steps({ s1: 'active' }) }));
  useAppStore.getState().updateTerminal(1, { id: 't1' });
});

describe('the shortcut sheet', () => {
  it('? opens it and Esc closes it, but ? typed into a field is just a character', () => {
    const { api } = recordingApi();
    expect(handleShortcut(api, press('?', {}, document.getElementById('blank')!))).toBe(false);
    expect(useAppStore.getState().sheet).toBe(false);
    expect(handleShortcut(api, press('?'))).toBe(true);
    expect(useAppStore.getState().sheet).toBe(true);
    expect(handleShortcut(api, press('Escape'))).toBe(true);
    expect(useAppStore.getState().sheet).toBe(false);
  });
});

describe('walking the steps', () => {
  it('Alt+↓ and Alt+↑ move the selection through the steps and stop at the ends', () => {
    const { api } = recordingApi();
    handleShortcut(api, press('ArrowDown', { altKey: true }));
    expect(useAppStore.getState().selected?.id).toBe('s2');
    handleShortcut(api, press('ArrowDown', { altKey: true }));
    handleShortcut(api, press('ArrowDown', { altKey: true }));
    handleShortcut(api, press('ArrowDown', { altKey: true }));
    expect(useAppStore.getState().selected?.id).toBe('s4');
    for (let i = 0; i < 5; i++) handleShortcut(api, press('ArrowUp', { altKey: true }));
    expect(useAppStore.getState().selected?.id).toBe('s1');
  });
  it('Alt+Enter finishes the running step, and starts a pending one', async () => {
    const { api, calls } = recordingApi();
    expect(handleShortcut(api, press('Enter', { altKey: true }))).toBe(true);
    useAppStore.getState().select({ id: 's2', line: 1 });
    handleShortcut(api, press('Enter', { altKey: true }));
    await settle();
    expect(calls.map((c) => c.params.command)).toEqual([
      { type: 'step-complete', stepId: 's1' },
      { type: 'step-start', stepId: 's2' },
    ]);
  });
  it('Alt+I raises an incident: the rollback question opens', () => {
    handleShortcut(recordingApi().api, press('i', { altKey: true }));
    expect(useAppStore.getState().question?.trigger).toMatch(/^incident:/);
  });
});

describe('running a step’s command', () => {
  it('Alt+R runs the first command in the active terminal, Alt+P pastes it, never confirmed by a key', () => {
    const { api, calls } = recordingApi();
    handleShortcut(api, press('r', { altKey: true }));
    handleShortcut(api, press('P', { altKey: true, shiftKey: true }));
    expect(calls.map((c) => c.params)).toEqual([
      expect.objectContaining({ stepId: 's1', commandId: 'c1', terminalId: 't1', mode: 'run', confirmed: false }),
      expect.objectContaining({ commandId: 'c1', mode: 'paste' }),
    ]);
  });
  it('Alt+2 runs the second command by the key’s place, whatever character the layout types', () => {
    const { api, calls } = recordingApi();
    expect(handleShortcut(api, press('™', { altKey: true, code: 'Digit2' }))).toBe(true);
    expect(calls[0]?.params.commandId).toBe('c2');
  });
  it('a command that needs confirmation opens the confirmation with core’s reason', async () => {
    const { api } = recordingApi(new TejunError('CONFIRMATION_REQUIRED', 'This step changes production.'));
    handleShortcut(api, press('r', { altKey: true }));
    await settle();
    expect(useAppStore.getState().confirm).toEqual({
      stepId: 's1',
      commandId: 'c1',
      mode: 'run',
      reason: 'This step changes production.',
    });
  });
});

describe('when the keys do nothing', () => {
  it('behind an open dialog, in a read-only session, or with Ctrl held (the shell’s own keys)', () => {
    const { api, calls } = recordingApi();
    document.body.insertAdjacentHTML('beforeend', '<div role="dialog" aria-modal="true"></div>');
    expect(handleShortcut(api, press('r', { altKey: true }))).toBe(false);
    document.querySelector('[aria-modal]')!.remove();
    expect(handleShortcut(api, press('r', { altKey: true, ctrlKey: true }))).toBe(false);
    useAppStore.setState({ session: { ...useAppStore.getState().session!, readOnly: true } });
    expect(handleShortcut(api, press('Enter', { altKey: true }))).toBe(false);
    expect(calls).toEqual([]);
  });
  it('before the shell has started there is nowhere to run', () => {
    const { api, calls } = recordingApi();
    useAppStore.getState().updateTerminal(1, { id: null });
    handleShortcut(api, press('r', { altKey: true }));
    expect(calls).toEqual([]);
  });
});
