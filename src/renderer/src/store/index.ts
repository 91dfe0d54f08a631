// One zustand store made of slices. UI state only: no sockets, terminals or business rules in here.
import { create, type StateCreator } from 'zustand';
import type { RunbookDoc } from '../../../shared/runbook';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import type { AppInfo, JournalLoss, RehearsalInfo, SessionSummary, SessionView } from '../../../shared/contract';
import type { SessionState } from '../../../shared/session/state';
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

export interface TerminalTab {
  key: number;
  /** Set once core has started the shell. */
  id: string | null;
  name: string;
  integration: 'pending' | 'active' | 'nested' | 'unavailable';
  exited: number | null;
  /** False while another window of the session holds this shell's keyboard (this one only watches). */
  typing?: boolean;
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
  terminals: TerminalTab[];
  activeTerminal: number;
  addTerminal(): void;
  updateTerminal(key: number, patch: Partial<TerminalTab>): void;
  removeTerminal(key: number): void;
  setActiveTerminal(key: number): void;
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

export interface SessionSlice {
  session: SessionView | null;
  /** The rollback question is open, and what raised it; each trigger opens it once. */
  question: { trigger: string; at: number } | null;
  asked: string[];
  ask(trigger: string | null): void;
  sessions: SessionSummary[];
  /** A command is on its way to the journal: buttons wait instead of sending twice. */
  busy: boolean;
  setSession(view: SessionView | null): void;
  /** A rehearsal's sandbox as core reports it (flags per command, faults set). */
  rehearsal: RehearsalInfo | null;
  setRehearsal(info: RehearsalInfo | null): void;
  /** A recorded event's new state; `lost` (events a failed journal append lost) makes the session read-only. */
  setSessionState(sessionId: string, state: SessionState, lost?: JournalLoss[]): void;
  setSessions(list: SessionSummary[]): void;
  setBusy(busy: boolean): void;
}

export type AppState = HostSlice & RunbookSlice & UiSlice & SessionSlice;

const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  session: null,
  question: null,
  asked: [],
  ask: (trigger) =>
    set((s) => {
      if (trigger === null) return { question: null };
      if (s.asked.includes(trigger) && !trigger.startsWith('incident')) return {};
      return { question: { trigger, at: Date.now() }, asked: [...s.asked, trigger].slice(-50) };
    }),
  sessions: [],
  busy: false,
  // The session carries its own copy of the runbook: that is the document on screen while it is open.
  setSession: (session) =>
    set(session ? { session, doc: session.doc, rehearsal: null } : { session: null, rehearsal: null }),
  rehearsal: null,
  setRehearsal: (rehearsal) => set({ rehearsal }),
  setSessionState: (sessionId, state, lost) =>
    set((s) => {
      if (!s.session || s.session.sessionId !== sessionId || state.lastSeq < s.session.state.lastSeq) return {};
      if (!lost?.length) return { session: { ...s.session, state } };
      return { session: { ...s.session, state, lost, readOnly: true } };
    }),
  setSessions: (sessions) => set({ sessions }),
  setBusy: (busy) => set({ busy }),
});

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
  setDoc: (doc) => set({ doc, selected: null, session: null }),
  setOpening: (opening) => set({ opening }),
});

const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  selected: null,
  terminals: [{ key: 1, id: null, name: '1', integration: 'pending', exited: null }],
  activeTerminal: 1,
  addTerminal: () =>
    set((s) => {
      const key = Math.max(0, ...s.terminals.map((t) => t.key)) + 1;
      return {
        terminals: [...s.terminals, { key, id: null, name: String(key), integration: 'pending', exited: null }],
        activeTerminal: key,
      };
    }),
  updateTerminal: (key, patch) =>
    set((s) => ({ terminals: s.terminals.map((t) => (t.key === key ? { ...t, ...patch } : t)) })),
  removeTerminal: (key) =>
    set((s) => {
      const terminals = s.terminals.filter((t) => t.key !== key);
      const next = terminals.length
        ? terminals
        : [{ key: key + 1, id: null, name: String(key + 1), integration: 'pending' as const, exited: null }];
      return {
        terminals: next,
        activeTerminal: next.some((t) => t.key === s.activeTerminal) ? s.activeTerminal : next[next.length - 1]!.key,
      };
    }),
  setActiveTerminal: (activeTerminal) => set({ activeTerminal }),
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

export const useAppStore = create<AppState>()((...a) => ({
  ...createHostSlice(...a),
  ...createRunbookSlice(...a),
  ...createUiSlice(...a),
  ...createSessionSlice(...a),
}));
