// A blank's value while it is typed: kept in the page's storage until the journal has it, so a reload or a
// crash of the window loses nothing that was typed; sent after a pause, at once on leaving the field.
import { useEffect, useRef, useState } from 'react';
import type { Api } from '../../../../shared/contract';
import { useApi } from '../../api/ApiContext';
import { sendCommand } from '../../actions';
import { useAppStore } from '../../store';

const SAVE_AFTER_MS = 400;

const draftKey = (sessionId: string, fieldId: string) => `tejun:draft:${sessionId}:${fieldId}`;
function readDraft(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeDraft(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage may be unavailable (private mode); the journal still gets the value within moments.
  }
}

/** Sends a value unless the journal already has it; the draft goes once the journal has this value. */
function sendDraft(api: Api, key: string, fieldId: string, value: string): void {
  if (value === (useAppStore.getState().session?.state.fields[fieldId]?.value ?? '')) return writeDraft(key, null);
  void sendCommand(api, { type: 'field-set', fieldId, value }).then(
    (ok) => ok && readDraft(key) === value && writeDraft(key, null),
  );
}

export function useFieldDraft(fieldId: string): { draft: string; save: (value: string, now?: boolean) => void } {
  const api = useApi();
  const saved = useAppStore((s) => s.session?.state.fields[fieldId]?.value ?? '');
  const sessionId = useAppStore((s) => s.session?.sessionId ?? '');
  const key = draftKey(sessionId, fieldId);
  const [draft, setDraft] = useState(() => readDraft(key) ?? saved);
  const [seen, setSeen] = useState(saved);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A value recorded elsewhere (another window, a reload) replaces the draft when it arrives.
  if (saved !== seen) {
    setSeen(saved);
    if (readDraft(key) === null) setDraft(saved);
  }
  const save = (value: string, now = false): void => {
    setDraft(value);
    writeDraft(key, value);
    if (timer.current) clearTimeout(timer.current);
    if (now) sendDraft(api, key, fieldId, value);
    else timer.current = setTimeout(() => sendDraft(api, key, fieldId, value), SAVE_AFTER_MS);
  };
  // A draft restored after a reload is sent on its own: the operator need not touch the field again.
  useEffect(() => {
    const restored = readDraft(key);
    if (restored === null || !sessionId) return;
    sendDraft(api, key, fieldId, restored);
    // Once, when the field appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { draft, save };
}
