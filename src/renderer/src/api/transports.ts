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
}

/** 'refused': the host turned the page away (no token, or the token of an earlier launch). */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'refused';

export interface Transport extends Api {
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

type Listener = (payload: unknown) => void;

export function createIpcTransport(bridge: PreloadBridge): Transport {
  return {
    async invoke<C extends Channel>(channel: C, params: Params<C>): Promise<Result<C>> {
      return unwrapReply(await bridge.invoke(channel, params)) as Result<C>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return bridge.on(event, listener as Listener);
    },
    onConnection(listener) {
      listener('open');
      return () => {};
    },
  };
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
  const output = outputDecoder((id, data) => {
    for (const l of listeners.get('terminal:data') ?? []) l({ id, data });
  });
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
        const { id, data } = params as Params<'terminal:input'>;
        for (const part of splitPayload(utf8.encode(data))) send(encodeFrame(FRAME_INPUT, id, part));
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
  };
}

/**
 * Output frames to text, one streaming UTF-8 decoder per terminal: a character cut across two frames
 * comes out whole. A frame that does not parse is dropped (the host only sends what it encoded).
 */
export function outputDecoder(deliver: (id: string, data: string) => void): (bytes: Uint8Array) => void {
  const decoders = new Map<string, TextDecoder>();
  return (bytes) => {
    const f = decodeFrame(bytes);
    if ('refused' in f || f.type !== FRAME_OUTPUT) return;
    let d = decoders.get(f.id);
    if (!d) decoders.set(f.id, (d = new TextDecoder('utf-8')));
    const data = d.decode(f.payload, { stream: true });
    if (data) deliver(f.id, data);
  };
}

/** The desktop app's preload sets window.tejun; the browser has none and talks over the WebSocket. */
export function createTransport(win: Window & { tejun?: PreloadBridge }): Transport {
  return win.tejun ? createIpcTransport(win.tejun) : createWsTransport(win);
}
