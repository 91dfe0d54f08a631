// What the UI does that reaches core: plain functions over the Api and the store, not inside components.
import type { Api } from '../../shared/contract';
import { toErrorPayload } from '../../shared/errors';
import type { SettingsPatch } from '../../shared/settings';
import { useAppStore } from './store';

async function guarded<T>(work: () => Promise<T>): Promise<T | undefined> {
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
  const [info, settings, current] = await Promise.all([
    guarded(() => api.invoke('app:info', {})),
    guarded(() => api.invoke('settings:get', {})),
    guarded(() => api.invoke('runbook:current', {})),
  ]);
  const s = useAppStore.getState();
  if (info) s.setInfo(info);
  if (settings) s.setSettings(settings);
  if (current) s.setDoc(current);
}

function toBase64(bytes: Uint8Array): string {
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
