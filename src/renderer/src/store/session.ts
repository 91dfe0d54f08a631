// The open session as core last reported it, the rollback question, and the list of sessions to resume.
import type { StateCreator } from 'zustand';
import type { JournalLoss, RehearsalInfo, SessionSummary, SessionView } from '../../../shared/contract';
import type { SessionState } from '../../../shared/session/state';
import type { AppState } from './state';

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

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  session: null,
  question: null,
  asked: [],
  // An incident is asked every time the operator raises one; any other trigger once a session.
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
  // A state older than the one shown (events can cross on the wire) or of another session is ignored.
  setSessionState: (sessionId, state, lost) =>
    set((s) => {
      if (!s.session || s.session.sessionId !== sessionId || state.lastSeq < s.session.state.lastSeq) return {};
      if (!lost?.length) return { session: { ...s.session, state } };
      return { session: { ...s.session, state, lost, readOnly: true } };
    }),
  setSessions: (sessions) => set({ sessions }),
  setBusy: (busy) => set({ busy }),
});
