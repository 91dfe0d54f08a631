// The only bridge between the page and the app: the typed API, with an allow-list derived from the contract.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENT_NAMES } from '../shared/contract';

const channels = new Set<string>(CHANNELS);
const eventNames = new Set<string>(EVENT_NAMES);

contextBridge.exposeInMainWorld('tejun', {
  invoke(channel: string, params: unknown): Promise<unknown> {
    if (!channels.has(channel)) return Promise.reject(new Error(`Unknown request "${String(channel)}".`));
    return ipcRenderer.invoke(channel, params);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!eventNames.has(event)) throw new Error(`Unknown event "${String(event)}".`);
    const handler = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(`event:${event}`, handler);
    return () => ipcRenderer.removeListener(`event:${event}`, handler);
  },
});
