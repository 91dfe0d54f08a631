// The IPC half of the contract: one handler per channel, registered from the contract itself. Terminal
// bytes go beside it, as the web host's do: output and keystrokes as binary frames (a Uint8Array is
// structured-cloned over IPC, no JSON), keystrokes fire-and-forget with no reply to wait for.
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, type Emit } from '../shared/contract';
import { dispatch, type Reply } from '../shared/rpc';
import { encodeFrame, FRAME_OUTPUT, IPC_TERMINAL_INPUT, IPC_TERMINAL_OUTPUT } from '../shared/terminalFrames';
import type { ClientCtx, CoreHost } from '../core/host';
import type { Log } from '../core/log';
import { inputFrames } from '../core/terminal/inputFrames';
import { isTrustedSender } from './policy';

export const eventChannel = (name: string): string => `event:${name}`;

export function clientFor(win: BrowserWindow): ClientCtx {
  const emit: Emit = (event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(eventChannel(event), payload);
  };
  const output = (id: string, bytes: Uint8Array): void => {
    if (!win.isDestroyed()) win.webContents.send(IPC_TERMINAL_OUTPUT, encodeFrame(FRAME_OUTPUT, id, bytes));
  };
  return { clientId: `window-${win.webContents.id}`, emit, output };
}

type Sender = Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>;
type WindowFor = (e: Sender) => BrowserWindow | null;

/** Only the app's own window, in its main frame, reaches core. */
function trustedWindow(event: Sender, windowFor: WindowFor, appUrl: string): BrowserWindow | null {
  const frame = event.senderFrame;
  const win = windowFor(event);
  const ok =
    win !== null &&
    isTrustedSender(frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null, appUrl);
  return ok ? win : null;
}

/** Keystroke frames from a window, decoded per window (UTF-8 across frames), to the same input handler. */
function registerTerminalInput(core: CoreHost, windowFor: WindowFor, appUrl: () => string, log?: Log): void {
  const decoders = new WeakMap<WebContents, (bytes: Uint8Array) => void>();
  ipcMain.on(IPC_TERMINAL_INPUT, (event: IpcMainEvent, frame: unknown) => {
    const win = trustedWindow(event, windowFor, appUrl());
    if (!win)
      return log?.warn({ url: event.senderFrame?.url ?? null }, 'refused keystrokes from outside the app window');
    if (!(frame instanceof Uint8Array)) return log?.warn({ clientId: `window-${win.webContents.id}` }, 'not a frame');
    let feed = decoders.get(event.sender);
    if (!feed) {
      const ctx = clientFor(win);
      feed = inputFrames(
        (p) => core.handlers['terminal:input'](p, ctx),
        (what, detail) => log?.warn({ clientId: ctx.clientId, ...detail }, what),
      );
      decoders.set(event.sender, feed);
    }
    feed(frame);
  });
}

export function registerIpc(core: CoreHost, windowFor: WindowFor, appUrl: () => string, log?: Log): void {
  registerTerminalInput(core, windowFor, appUrl, log);
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, params): Promise<Reply> => {
      const win = trustedWindow(event, windowFor, appUrl());
      if (!win) {
        log?.warn({ channel, url: event.senderFrame?.url ?? null }, 'refused a request from outside the app window');
        return {
          ok: false,
          error: { code: 'INVALID_REQUEST', message: 'Refused: the request did not come from the app’s own window.' },
        };
      }
      return dispatch(core.handlers, channel, params, clientFor(win));
    });
  }
}
