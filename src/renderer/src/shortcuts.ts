// Keyboard: the night's actions without the mouse. Alt+ combinations are taken before the terminal
// sees them (so they work while typing in the shell); "?" opens the sheet when not typing.
import type { Api } from '../../shared/contract';
import { TejunError, toErrorPayload } from '../../shared/errors';
import { walkList } from '../../shared/session/walk';
import { sendCommand } from './actions';
import { currentStep } from './current';
import { useAppStore } from './store';
import { terminals } from './terminals';

export const SHORTCUTS = [
  { keys: 'Alt+↓ / Alt+↑', action: 'shortcut.next' },
  { keys: 'Alt+Enter', action: 'shortcut.done' },
  { keys: 'Alt+R', action: 'shortcut.run' },
  { keys: 'Alt+P', action: 'shortcut.paste' },
  { keys: 'Alt+I', action: 'shortcut.incident' },
  { keys: 'Ctrl+Shift+F', action: 'shortcut.find' },
  { keys: '?', action: 'shortcut.sheet' },
] as const;

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
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
  if (key === 'r' || key === 'p') {
    const command = step.commands[0];
    const terminalId = st.terminals.find((x) => x.key === st.activeTerminal)?.id;
    if (!command || !terminalId) return true;
    api
      .invoke('step:run', { sessionId: session.sessionId, stepId: step.id, commandId: command.id, terminalId, mode: key === 'r' ? 'run' : 'paste', confirmed: false })
      .then(() => terminals.focus(terminalId))
      .catch((err: unknown) => {
        // A change step or a destructive command is confirmed on the step card, never by a key alone.
        const p = toErrorPayload(err);
        st.pushError(err instanceof TejunError && err.code === 'CONFIRMATION_REQUIRED' ? { ...p, message: `${p.message} (Alt+R does not confirm: press Run on the step.)` } : p);
      });
    return true;
  }
  return false;
}
