// One zustand store made of slices. UI state only: no sockets, terminals or business rules in here.
import { create, type StateCreator } from 'zustand';
import type { RunbookDoc } from '../../../shared/runbook';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import type { AppInfo } from '../../../shared/contract';
import type { ErrorPayload } from '../../../shared/errors';
import type { ConnectionState } from '../api/transports';

export interface HostSlice {
  info: AppInfo | null;
  connection: ConnectionState;
  settings: Settings;
  setInfo(info: AppInfo): void;
  setConnection(state: ConnectionState): void;
  setSettings(settings: Settings): void;
}

export interface RunbookSlice {
  doc: RunbookDoc | null;
  opening: boolean;
  setDoc(doc: RunbookDoc | null): void;
  setOpening(opening: boolean): void;
}

/** What the operator selected in the navigator: an id and the source line to bring into view. */
export interface Selection {
  id: string;
  line: number;
}

export interface UiSlice {
  selected: Selection | null;
  errors: ErrorPayload[];
  select(selection: Selection | null): void;
  pushError(error: ErrorPayload): void;
  dismissError(index: number): void;
}

export type AppState = HostSlice & RunbookSlice & UiSlice;

const createHostSlice: StateCreator<AppState, [], [], HostSlice> = (set) => ({
  info: null,
  connection: 'connecting',
  settings: DEFAULT_SETTINGS,
  setInfo: (info) => set({ info }),
  setConnection: (connection) => set({ connection }),
  setSettings: (settings) => set({ settings }),
});

const createRunbookSlice: StateCreator<AppState, [], [], RunbookSlice> = (set) => ({
  doc: null,
  opening: false,
  setDoc: (doc) => set({ doc, selected: null }),
  setOpening: (opening) => set({ opening }),
});

const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  selected: null,
  errors: [],
  select: (selected) => set({ selected }),
  // The newest few only: a flood of the same error must not push the screen away.
  pushError: (error) => set((s) => ({ errors: [...s.errors, error].slice(-3) })),
  dismissError: (index) => set((s) => ({ errors: s.errors.filter((_, i) => i !== index) })),
});

export const useAppStore = create<AppState>()((...a) => ({
  ...createHostSlice(...a),
  ...createRunbookSlice(...a),
  ...createUiSlice(...a),
}));
