// Keyboard: the night's actions without the mouse. Alt+ combinations are taken before the terminal
// sees them (so they work while typing in the shell); "?" opens the sheet when not typing.
import type { Api } from '../../../shared/contract';
import { onRunRefused } from '../features/step/runRefusal';
import { walkList } from '../../../shared/session/walk';
import { sendCommand } from '../actions';
import { currentStep } from '../features/session/current';
import { useAppStore } from '../store';
import { terminals } from '../features/terminal/terminals';
import { cycleRegion } from './focus/regions';

/** A dialog is open: it has the keyboard, and no shortcut acts behind it. */
function modalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/** Alt+1…9 by the key's place, not its character (Alt+digit types other characters on some layouts). */
function commandIndex(e: KeyboardEvent): number | null {
  const m = /^Digit([1-9])$/.exec(e.code);
  return m ? Number(m[1]) - 1 : null;
}

export const SHORTCUTS = [
  { keys: 'F6 / Shift+F6', action: 'shortcut.region' },
  { keys: 'Tab', action: 'shortcut.skip' },
  { keys: 'Alt+↓ / Alt+↑', action: 'shortcut.next' },
  { keys: 'Alt+Enter', action: 'shortcut.done' },
  { keys: 'Alt+R', action: 'shortcut.run' },
  { keys: 'Alt+1 … Alt+9', action: 'shortcut.runNth' },
  { keys: 'Enter / Esc', action: 'shortcut.confirm' },
  { keys: 'Alt+P', action: 'shortcut.paste' },
  { keys: 'Alt+I', action: 'shortcut.incident' },
  { keys: 'Alt+E', action: 'shortcut.invite' },
  { keys: 'Ctrl+Shift+F', action: 'shortcut.find' },
  { keys: '?', action: 'shortcut.sheet' },
] as const;

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

export function handleShortcut(api: Api, e: KeyboardEvent): boolean {
  const st = useAppStore.getState();
  if (e.key === '?' && !typing(e.target) && !e.altKey && !e.ctrlKey && !e.metaKey) {
    st.toggleSheet();
    return true;
  }
  if (e.key === 'Escape' && st.sheet) {
    st.toggleSheet();
    return true;
  }
  if (modalOpen()) return false;
  // F6 is taken here, before xterm, so the shell never keeps the keyboard (WCAG 2.1.2).
  if (e.key === 'F6' && !e.altKey && !e.ctrlKey && !e.metaKey) {
    cycleRegion(e.shiftKey);
    return true;
  }
  if (!e.altKey || e.ctrlKey || e.metaKey) return false;
  const session = st.session;
  if (!session || session.readOnly) return false;
  const step = currentStep(session, st.selected);
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key === 'ArrowDown' || key === 'ArrowUp') {
    const list = walkList(session.doc.model, session.state.lifecycle);
    const at = step ? list.findIndex((s) => s.id === step.id) : -1;
    const next = list[Math.max(0, Math.min(list.length - 1, at + (key === 'ArrowDown' ? 1 : -1)))];
    if (next) st.select({ id: next.id, line: next.line });
    return true;
  }
  if (key === 'i') {
    st.ask(`incident:${Date.now()}`);
    return true;
  }
  if (!step) return false;
  if (key === 'Enter') {
    const s = session.state.steps[step.id]?.state ?? 'pending';
    if (s === 'active') void sendCommand(api, { type: 'step-complete', stepId: step.id });
    else if (s === 'pending' || s === 'failed') void sendCommand(api, { type: 'step-start', stepId: step.id });
    return true;
  }
  const nth = commandIndex(e);
  if (key === 'r' || key === 'p' || nth !== null) {
    const command = step.commands[nth ?? 0];
    if (command) runCommand(api, step.id, command.id, key === 'p' ? 'paste' : 'run');
    return true;
  }
  return false;
}

/** Run (or paste) a step's command; one that needs confirmation opens the confirmation instead. */
export function runCommand(api: Api, stepId: string, commandId: string, mode: 'run' | 'paste'): void {
  const st = useAppStore.getState();
  const terminalId = st.terminals.find((x) => x.key === st.activeTerminal)?.id;
  if (!st.session || !terminalId) return;
  api
    .invoke('step:run', { sessionId: st.session.sessionId, stepId, commandId, terminalId, mode, confirmed: false })
    .then(() => terminals.focus(terminalId))
    // A key never confirms: the confirmation opens with the command in full, and Enter there runs it.
    .catch((err: unknown) => onRunRefused(err, { stepId, commandId, mode, confirmed: false, terminalId }));
}
