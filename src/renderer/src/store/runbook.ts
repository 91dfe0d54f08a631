// The runbook on screen (outside a session; inside one, the session's own copy replaces it).
import type { StateCreator } from 'zustand';
import type { RunbookDoc } from '../../../shared/runbook';
import type { AppState } from './state';

export interface RunbookSlice {
  doc: RunbookDoc | null;
  opening: boolean;
  setDoc(doc: RunbookDoc | null): void;
  setOpening(opening: boolean): void;
}

export const createRunbookSlice: StateCreator<AppState, [], [], RunbookSlice> = (set) => ({
  doc: null,
  opening: false,
  // Another runbook: what was selected in the old one, and its session, no longer apply.
  setDoc: (doc) => set({ doc, selected: null, session: null }),
  setOpening: (opening) => set({ opening }),
});
