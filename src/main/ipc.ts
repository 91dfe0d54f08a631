// The IPC half of the contract: one handler per channel, registered from the contract itself.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type Emit } from '../shared/contract';
import { dispatch, type Reply } from '../shared/rpc';
import type { ClientCtx, CoreHost } from '../core/host';
import type { Log } from '../core/log';
import { isTrustedSender } from './policy';

export const eventChannel = (name: string): string => `event:${name}`;

export function clientFor(win: BrowserWindow): ClientCtx {
  const emit: Emit = (event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(eventChannel(event), payload);
  };
  return { clientId: `window-${win.webContents.id}`, emit };
}

export function registerIpc(
  core: CoreHost,
  windowFor: (e: IpcMainInvokeEvent) => BrowserWindow | null,
  appUrl: () => string,
  log?: Log,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, params): Promise<Reply> => {
      const frame = event.senderFrame;
      const win = windowFor(event);
      const trusted =
        win !== null &&
        isTrustedSender(frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null, appUrl());
      if (!trusted) {
        log?.warn({ channel, url: frame?.url ?? null }, 'refused a request from outside the app window');
        return {
          ok: false,
          error: { code: 'INVALID_REQUEST', message: 'Refused: the request did not come from the app’s own window.' },
        };
      }
      return dispatch(core.handlers, channel, params, clientFor(win));
    });
  }
}
