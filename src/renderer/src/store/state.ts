// The whole store's shape: every slice side by side. Each slice is declared (and built) in its own file.
import type { HostSlice } from './host';
import type { RunbookSlice } from './runbook';
import type { SessionSlice } from './session';
import type { TerminalSlice } from './terminals';
import type { UiSlice } from './ui';

export type AppState = HostSlice & RunbookSlice & TerminalSlice & UiSlice & SessionSlice;
