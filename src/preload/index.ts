// The only bridge between the page and the app: the typed API, with an allow-list derived from the contract.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENT_NAMES } from '../shared/contract';
import { IPC_TERMINAL_INPUT, IPC_TERMINAL_OUTPUT } from '../shared/terminalFrames';

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
  /** Keystrokes as a binary frame (shared/terminalFrames): sent, not invoked, so no reply is waited for. */
  input(frame: Uint8Array): void {
    if (!(frame instanceof Uint8Array)) throw new Error('Terminal input must be a frame of bytes.');
    ipcRenderer.send(IPC_TERMINAL_INPUT, frame);
  },
  /** Terminal output frames, as bytes. */
  output(listener: (frame: Uint8Array) => void): () => void {
    const handler = (_e: IpcRendererEvent, frame: unknown): void => {
      if (frame instanceof Uint8Array) listener(frame);
    };
    ipcRenderer.on(IPC_TERMINAL_OUTPUT, handler);
    return () => ipcRenderer.removeListener(IPC_TERMINAL_OUTPUT, handler);
  },
});
