// What the UI does that reaches core: plain functions over the Api and the store, not inside components.
import type { Api } from '../../shared/contract';
import { toErrorPayload } from '../../shared/errors';
import type { SettingsPatch } from '../../shared/settings';
import type { CommandInput } from '../../shared/session/events';
import type { BlockRole } from '../../shared/model';
import { useAppStore } from './store';
import { isUnfinished } from '../../shared/session/lifecycle';

export async function guarded<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (err) {
    useAppStore.getState().pushError(toErrorPayload(err));
    return undefined;
  }
}

async function opening<T>(work: () => Promise<T>): Promise<T | undefined> {
  const s = useAppStore.getState();
  s.setOpening(true);
  try {
    return await guarded(work);
  } finally {
    useAppStore.getState().setOpening(false);
  }
}

export async function boot(api: Api): Promise<void> {
  const [info, settings, current, sessions] = await Promise.all([
    guarded(() => api.invoke('app:info', {})),
    guarded(() => api.invoke('settings:get', {})),
    guarded(() => api.invoke('runbook:current', {})),
    guarded(() => api.invoke('session:list', {})),
  ]);
  const s = useAppStore.getState();
  if (info) s.setInfo(info);
  if (settings) s.setSettings(settings);
  if (sessions) s.setSessions(sessions);
  // A session left unfinished (a crash, a closed window) is resumed exactly where it was.
  const unfinished = sessions?.find((x) => x.lifecycle !== 'unreadable' && isUnfinished(x.lifecycle));
  if (unfinished) await openSession(api, unfinished.sessionId);
  else if (current) {
    s.setDoc(current);
    // `tejun rehearse FILE`: straight into the rehearsal, at the speed asked for.
    if (info?.rehearsal && current.model.kind !== 'reference')
      await startSession(api, { rehearsal: true, speed: info.rehearsal.speed });
  }
}

export async function refreshSessions(api: Api): Promise<void> {
  const list = await guarded(() => api.invoke('session:list', {}));
  if (list) useAppStore.getState().setSessions(list);
}

export async function openSession(api: Api, sessionId: string): Promise<void> {
  const view = await opening(() => api.invoke('session:open', { sessionId }));
  if (view) useAppStore.getState().setSession(view);
}

export async function startSession(api: Api, opts: { rehearsal?: boolean; speed?: number } = {}): Promise<void> {
  const doc = useAppStore.getState().doc;
  if (!doc) return;
  const view = await opening(() =>
    api.invoke('session:create', {
      runbookSha256: doc.sha256,
      rehearsal: opts.rehearsal ?? false,
      speed: opts.speed ?? 1,
    }),
  );
  if (view) useAppStore.getState().setSession(view);
}

/** Record a fact; the state comes back only once it is in the journal. Returns whether it was accepted. */
export async function sendCommand(api: Api, command: CommandInput): Promise<boolean> {
  const st = useAppStore.getState();
  const session = st.session;
  if (!session) return false;
  st.setBusy(true);
  try {
    const state = await guarded(() => api.invoke('session:command', { sessionId: session.sessionId, command }));
    if (state) useAppStore.getState().setSessionState(session.sessionId, state);
    return state !== undefined;
  } finally {
    useAppStore.getState().setBusy(false);
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export async function openFile(api: Api, file: File): Promise<void> {
  const doc = await opening(async () => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return api.invoke('runbook:openBytes', { name: file.name || 'runbook.md', base64: toBase64(bytes) });
  });
  if (doc) useAppStore.getState().setDoc(doc);
}

export async function openPath(api: Api, path: string): Promise<void> {
  const doc = await opening(() => api.invoke('runbook:openPath', { path }));
  if (doc) useAppStore.getState().setDoc(doc);
  await refreshSettings(api);
}

export async function pickFile(api: Api): Promise<void> {
  const doc = await opening(() => api.invoke('runbook:pick', {}));
  if (doc) useAppStore.getState().setDoc(doc);
  await refreshSettings(api);
}

async function refreshSettings(api: Api): Promise<void> {
  const settings = await guarded(() => api.invoke('settings:get', {}));
  if (settings) useAppStore.getState().setSettings(settings);
}

export async function updateSettings(api: Api, patch: SettingsPatch): Promise<void> {
  const settings = await guarded(() => api.invoke('settings:update', patch));
  if (settings) useAppStore.getState().setSettings(settings);
}

/** Hand a file to the operator: the browser's download (the desktop app asks where to save it). */
export function saveFile(file: { name: string; mime: string; base64: string }): void {
  const bin = atob(file.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function readFileBase64(f: File): Promise<string> {
  return toBase64(new Uint8Array(await f.arrayBuffer()));
}

/** After a block's role changed, the session's runbook was read again: take that reading (steps keep their ids). */
export async function refreshSessionDoc(api: Api, sessionId: string): Promise<void> {
  const view = await guarded(() => api.invoke('session:open', { sessionId }));
  if (!view) return;
  useAppStore.setState((s) =>
    s.session?.sessionId === sessionId
      ? { session: { ...s.session, doc: view.doc, state: view.state }, doc: view.doc }
      : {},
  );
}

/** The operator says what a fenced block is; the file stays as it is, the correction is journaled. */
export async function correctBlockRole(api: Api, blockId: string, role: BlockRole): Promise<void> {
  const sessionId = useAppStore.getState().session?.sessionId;
  if (!sessionId) return;
  if (await sendCommand(api, { type: 'block-role', blockId, role })) await refreshSessionDoc(api, sessionId);
}
