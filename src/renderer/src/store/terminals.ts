// The terminal tabs as the UI shows them. The xterm instances themselves live outside the store
// (features/terminal/terminals.ts): class instances and sockets are not state.
import type { StateCreator } from 'zustand';
import type { AppState } from './state';
import type { IntegrationState } from '../../../shared/integration';

export interface TerminalTab {
  key: number;
  /** Set once core has started the shell. */
  id: string | null;
  name: string;
  integration: IntegrationState;
  exited: number | null;
  /** False while another window of the session holds this shell's keyboard (this one only watches). */
  typing?: boolean;
}

export interface TerminalSlice {
  terminals: TerminalTab[];
  activeTerminal: number;
  addTerminal(): void;
  updateTerminal(key: number, patch: Partial<TerminalTab>): void;
  removeTerminal(key: number): void;
  setActiveTerminal(key: number): void;
}

function freshTab(key: number): TerminalTab {
  return { key, id: null, name: String(key), integration: 'pending', exited: null };
}

export const createTerminalSlice: StateCreator<AppState, [], [], TerminalSlice> = (set) => ({
  terminals: [freshTab(1)],
  activeTerminal: 1,
  addTerminal: () =>
    set((s) => {
      const key = Math.max(0, ...s.terminals.map((t) => t.key)) + 1;
      return { terminals: [...s.terminals, freshTab(key)], activeTerminal: key };
    }),
  updateTerminal: (key, patch) =>
    set((s) => ({ terminals: s.terminals.map((t) => (t.key === key ? { ...t, ...patch } : t)) })),
  // The pane is never empty: closing the last tab opens a fresh one in its place.
  removeTerminal: (key) =>
    set((s) => {
      const terminals = s.terminals.filter((t) => t.key !== key);
      const next = terminals.length ? terminals : [freshTab(key + 1)];
      return {
        terminals: next,
        activeTerminal: next.some((t) => t.key === s.activeTerminal) ? s.activeTerminal : next[next.length - 1]!.key,
      };
    }),
  setActiveTerminal: (activeTerminal) => set({ activeTerminal }),
});
