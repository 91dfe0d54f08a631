// The two ways the renderer reaches core. Both return the same Api; nothing above this file knows which.
import type { Api, Channel, EventName, EventPayload, Params, Result } from '../../../shared/contract';
import { TejunError } from '../../../shared/errors';
import { unwrapReply } from '../../../shared/rpc';
import { decodeFrame, encodeFrame, FRAME_INPUT, FRAME_OUTPUT, splitPayload } from '../../../shared/terminalFrames';
import { CREDENTIAL_PREFIX, INVITE_PREFIX, WS_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../../shared/wire';

/** What the preload exposes on window.tejun in the desktop app. */
export interface PreloadBridge {
  invoke(channel: string, params: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Keystrokes as a binary frame, sent without a reply. */
  input(frame: Uint8Array): void;
  /** Terminal output frames, as bytes. */
  output(listener: (frame: Uint8Array) => void): () => void;
}

/** Terminal output as UTF-8 bytes, straight to xterm (which decodes UTF-8 across writes itself). */
export type OutputListener = (id: string, bytes: Uint8Array) => void;

/** 'refused': the host turned the page away (no token, or the token of an earlier launch). */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'refused';

export interface Transport extends Api {
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Terminal output, per terminal, as bytes: binary frames on either transport, never JSON. */
  onOutput(listener: OutputListener): () => void;
}

type Listener = (payload: unknown) => void;

export function createIpcTransport(bridge: PreloadBridge): Transport {
  const utf8 = new TextEncoder();
  const outputs = new Set<OutputListener>();
  bridge.output(outputFrames((id, bytes) => outputs.forEach((l) => l(id, bytes))));
  return {
    async invoke<C extends Channel>(channel: C, params: Params<C>): Promise<Result<C>> {
      // A keystroke goes as bytes, sent rather than invoked: no reply, no JSON, no promise queue before the pty.
      if (channel === 'terminal:input') {
        for (const frame of inputFrames(params as Params<'terminal:input'>, utf8)) bridge.input(frame);
        return null as Result<C>;
      }
      return unwrapReply(await bridge.invoke(channel, params)) as Result<C>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return bridge.on(event, listener as Listener);
    },
    onConnection(listener) {
      listener('open');
      return () => {};
    },
    onOutput(listener) {
      outputs.add(listener);
      return () => outputs.delete(listener);
    },
  };
}

/** A keystroke or a paste as input frames (a 16 MB paste as several; the host decodes UTF-8 across them). */
function inputFrames({ id, data }: Params<'terminal:input'>, utf8: TextEncoder): Uint8Array[] {
  return splitPayload(utf8.encode(data)).map((part) => encodeFrame(FRAME_INPUT, id, part));
}

const TOKEN_KEY = 'tejun.token';

/** The token arrives in the URL fragment (never sent to a server); it moves to this tab's sessionStorage,
 *  so a reload keeps it, and leaves the address bar, history and screenshots. */
export function takeToken(win: Pick<Window, 'location' | 'history' | 'sessionStorage'>): string | null {
  const m = /^#token=([0-9a-f]{16,128})$/.exec(win.location.hash);
  if (m) {
    win.sessionStorage.setItem(TOKEN_KEY, m[1]!);
    win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
  }
  return win.sessionStorage.getItem(TOKEN_KEY);
}

type Pending = Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>;

/** A JSON frame from the host: an event for its listeners, or the reply to one of our requests. */
function onJsonFrame(text: string, listeners: Map<string, Set<Listener>>, pending: Pending): void {
  let msg: { id?: number; reply?: unknown; event?: string; payload?: unknown };
  try {
    msg = JSON.parse(text);
  } catch {
    return;
  }
  if (typeof msg.event === 'string') {
    for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    return;
  }
  if (typeof msg.id !== 'number') return;
  const p = pending.get(msg.id);
  if (!p) return;
  pending.delete(msg.id);
  try {
    p.resolve(unwrapReply(msg.reply));
  } catch (err) {
    p.reject(err);
  }
}

const INVITE_KEY = 'tejun.invite';
export const CREDENTIAL_KEY = 'tejun.credential';

/** A page opened from an invite link (`#invite=…`), or one that joined already (its credential in this tab). */
export function joinerSecret(win: Pick<Window, 'location' | 'history' | 'sessionStorage'>): string | null {
  const m = /^#invite=([0-9a-f]{64})$/.exec(win.location.hash);
  if (m) {
    win.sessionStorage.setItem(INVITE_KEY, m[1]!);
    win.sessionStorage.removeItem(CREDENTIAL_KEY);
    win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
  }
  const cred = win.sessionStorage.getItem(CREDENTIAL_KEY);
  if (cred) return CREDENTIAL_PREFIX + cred;
  const inv = win.sessionStorage.getItem(INVITE_KEY);
  return inv ? INVITE_PREFIX + inv : null;
}

function openSocket(win: Window): WebSocket {
  const url = new URL(WS_PATH, win.location.href);
  url.protocol = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  // On the invite listener (https), the page holds an invite or a credential, never the operator's token.
  const joiner = win.location.protocol === 'https:' ? joinerSecret(win) : null;
  const token = joiner ? null : takeToken(win);
  // The token rides as a subprotocol: checked before the socket exists; the host answers with WS_PROTOCOL.
  const ws = new WebSocket(
    url.href,
    joiner ? [WS_PROTOCOL, joiner] : token ? [WS_PROTOCOL, WS_TOKEN_PREFIX + token] : [WS_PROTOCOL],
  );
  ws.binaryType = 'arraybuffer';
  return ws;
}

const utf8 = new TextEncoder();

export function createWsTransport(win: Window): Transport {
  const ws = openSocket(win);
  let opened = false;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  const pending: Pending = new Map();
  const outbox: (string | Uint8Array)[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const setState = (s: ConnectionState): void => {
    state = s;
    for (const l of stateListeners) l(s);
  };
  // Sent at once when open; before that, kept in order until the socket opens.
  const send = (m: string | Uint8Array): void => void (state === 'open' ? ws.send(m) : outbox.push(m));

  ws.addEventListener('open', () => {
    opened = true;
    setState('open');
    for (const m of outbox.splice(0)) ws.send(m);
  });
  ws.addEventListener('close', () => {
    setState(opened ? 'lost' : 'refused');
    // field 'connection': the connection banner already says this, in the operator's language.
    const message = 'The connection to the tejun host was lost. Check that `tejun serve` still runs, then reload.';
    const lost = new TejunError('INTERNAL', message, { field: 'connection' });
    for (const p of pending.values()) p.reject(lost);
    pending.clear();
  });
  const outputs = new Set<OutputListener>();
  const output = outputFrames((id, bytes) => outputs.forEach((l) => l(id, bytes)));
  ws.addEventListener('message', (ev) => {
    if (ev.data instanceof ArrayBuffer) output(new Uint8Array(ev.data));
    else onJsonFrame(String(ev.data), listeners, pending);
  });

  return {
    invoke<C extends Channel>(channel: C, params: Params<C>): Promise<Result<C>> {
      if (state === 'lost' || state === 'refused') {
        const notConnected = new TejunError('INTERNAL', 'Not connected to the tejun host. Reload the page.', {
          field: 'connection',
        });
        return Promise.reject(notConnected);
      }
      // A keystroke goes out at once as bytes, with no reply to wait for (the host logs a refusal).
      if (channel === 'terminal:input') {
        for (const frame of inputFrames(params as Params<'terminal:input'>, utf8)) {
          if (state === 'open') ws.send(frame);
          else outbox.push(frame);
        }
        return Promise.resolve(null as Result<C>);
      }
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        send(JSON.stringify({ id, channel, params }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
    onConnection(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
    onOutput(listener) {
      outputs.add(listener);
      return () => outputs.delete(listener);
    },
  };
}

/**
 * Output frames to each terminal's bytes, not decoded here: xterm decodes UTF-8 itself, per terminal and
 * across writes, so a character cut across two frames comes out whole. A frame that does not parse is
 * dropped (the host only sends what it encoded).
 */
export function outputFrames(deliver: OutputListener): (bytes: Uint8Array) => void {
  return (bytes) => {
    const f = decodeFrame(bytes);
    if ('refused' in f || f.type !== FRAME_OUTPUT || f.payload.length === 0) return;
    deliver(f.id, f.payload);
  };
}

/** The desktop app's preload sets window.tejun; the browser has none and talks over the WebSocket. */
export function createTransport(win: Window & { tejun?: PreloadBridge }): Transport {
  return win.tejun ? createIpcTransport(win.tejun) : createWsTransport(win);
}
