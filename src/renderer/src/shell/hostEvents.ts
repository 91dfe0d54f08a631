// What the app listens to for its whole life: boot, the connection, the shortcut keys, session states and
// menu commands pushed by the host.
import { useEffect } from 'react';
import type { Api } from '../../../shared/contract';
import type { Transport } from '../api/transports';
import { boot, pickFile, refreshSessionDoc, updateSettings } from '../actions';
import { useAppStore } from '../store';
import { handleShortcut } from './shortcuts';

export function useHostEvents(api: Transport): void {
  useEffect(() => {
    void boot(api);
    const offConn = api.onConnection((c) => useAppStore.getState().setConnection(c));
    // Capture phase: the shortcuts are taken before the terminal turns Alt+key into input for the shell.
    const onKey = (e: KeyboardEvent): void => {
      if (handleShortcut(api, e)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    const offState = onSessionState(api);
    const offCmd = onAppCommand(api);
    return () => {
      offConn();
      offCmd();
      offState();
      window.removeEventListener('keydown', onKey, true);
    };
  }, [api]);
}

function onSessionState(api: Api): () => void {
  return api.on('session:state', ({ sessionId, state, lost }) => {
    // A role corrected (here or in another window) changes how the runbook reads: fetch that reading.
    const before = useAppStore.getState().session;
    const reread =
      before?.sessionId === sessionId && JSON.stringify(before.state.roles) !== JSON.stringify(state.roles);
    useAppStore.getState().setSessionState(sessionId, state, lost);
    if (reread) void refreshSessionDoc(api, sessionId);
  });
}

/** The desktop menu's commands: open a runbook, zoom. */
function onAppCommand(api: Api): () => void {
  return api.on('app:command', ({ command }) => {
    const size = useAppStore.getState().settings.fontSize;
    if (command === 'open-runbook') void pickFile(api);
    if (command === 'zoom-in') void updateSettings(api, { fontSize: Math.min(32, size + 1) });
    if (command === 'zoom-out') void updateSettings(api, { fontSize: Math.max(12, size - 1) });
    if (command === 'zoom-reset') void updateSettings(api, { fontSize: 14 });
  });
}
