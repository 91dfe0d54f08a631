// What the operator is looking at and answering: the selection, open dialogs, the sheet, error banners.
import type { StateCreator } from 'zustand';
import type { ErrorPayload } from '../../../shared/errors';
import type { AppState } from './state';

/** What the operator selected in the navigator: an id and the source line to bring into view. */
export interface Selection {
  id: string;
  line: number;
}

export interface RunConfirmation {
  stepId: string;
  commandId: string;
  mode: 'run' | 'paste';
  /** Why core asks (its CONFIRMATION_REQUIRED message). */
  reason: string;
}

/** A Run core refused because the terminal points at another target than the step's (TARGET_MISMATCH). */
export interface TargetRefusal {
  stepId: string;
  commandId: string;
  mode: 'run' | 'paste';
  confirmed: boolean;
  terminalId: string;
  /** Core's message, naming the expected and the actual target. */
  message: string;
}

export interface UiSlice {
  selected: Selection | null;
  errors: ErrorPayload[];
  /** A step's command waits for the operator's confirmation (a change step, a destructive command). */
  confirm: RunConfirmation | null;
  setConfirm(confirm: RunConfirmation | null): void;
  /** The terminal is on another target than the step's: switch and run again, or override with a reason. */
  targetRefusal: TargetRefusal | null;
  setTargetRefusal(refusal: TargetRefusal | null): void;
  /** The keyboard shortcut sheet is open. */
  sheet: boolean;
  toggleSheet(): void;
  select(selection: Selection | null): void;
  pushError(error: ErrorPayload): void;
  dismissError(index: number): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  selected: null,
  confirm: null,
  setConfirm: (confirm) => set({ confirm }),
  targetRefusal: null,
  setTargetRefusal: (targetRefusal) => set({ targetRefusal }),
  sheet: false,
  toggleSheet: () => set((s) => ({ sheet: !s.sheet })),
  errors: [],
  select: (selected) => set({ selected }),
  // The newest few only: a flood of the same error must not push the screen away.
  // A request cut off by a lost or refused connection is told once, by the connection banner.
  pushError: (error) => set((s) => (error.field === 'connection' ? s : { errors: [...s.errors, error].slice(-3) })),
  dismissError: (index) => set((s) => ({ errors: s.errors.filter((_, i) => i !== index) })),
});
