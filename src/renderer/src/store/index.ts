// One zustand store composed of slices (one file each). UI state only: no sockets, terminals or business rules.
import { create } from 'zustand';
import { createHostSlice } from './host';
import { createRunbookSlice } from './runbook';
import { createSessionSlice } from './session';
import type { AppState } from './state';
import { createTerminalSlice } from './terminals';
import { createUiSlice } from './ui';

export type { AppState } from './state';
export type { HostSlice } from './host';
export type { RunbookSlice } from './runbook';
export type { SessionSlice } from './session';
export type { TerminalSlice, TerminalTab } from './terminals';
export type { RunConfirmation, Selection, TargetRefusal, UiSlice } from './ui';

export const useAppStore = create<AppState>()((...a) => ({
  ...createHostSlice(...a),
  ...createRunbookSlice(...a),
  ...createTerminalSlice(...a),
  ...createUiSlice(...a),
  ...createSessionSlice(...a),
}));
