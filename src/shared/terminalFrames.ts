// Terminal bytes travel as binary WebSocket frames, as ttyd does, not as JSON: no escaping of every
// control character, no schema pass per chunk of output. A frame is
//   [type: 1 byte][id length: 1 byte][terminal id: ASCII, "t1"…][payload: UTF-8 bytes]
// Requests (create, resize, close, ack…) stay on the validated JSON contract. A frame that does not
// parse (unknown type, bad id, too short) is refused by `decodeFrame`, never thrown on.

/** Host → page: what the shell printed. */
export const FRAME_OUTPUT = 0x01;
/** Page → host: what the operator typed or pasted. */
export const FRAME_INPUT = 0x02;

/** Electron IPC channels beside the contract's: the same frames as Uint8Array (structured-cloned, no JSON). */
export const IPC_TERMINAL_INPUT = 'terminal:input-frame';
export const IPC_TERMINAL_OUTPUT = 'terminal:output-frame';

/** The largest payload of one input frame; a larger paste is sent as several (the host decodes across them). */
export const INPUT_FRAME_BYTES = 64 * 1024;

const ID = /^t[0-9]{1,6}$/;

export type Frame = { type: typeof FRAME_OUTPUT | typeof FRAME_INPUT; id: string; payload: Uint8Array };

export function encodeFrame(type: Frame['type'], id: string, payload: Uint8Array): Uint8Array {
  if (!ID.test(id)) throw new Error(`not a terminal id: ${JSON.stringify(id.slice(0, 20))}`);
  const out = new Uint8Array(2 + id.length + payload.length);
  out[0] = type;
  out[1] = id.length;
  for (let i = 0; i < id.length; i++) out[2 + i] = id.charCodeAt(i);
  out.set(payload, 2 + id.length);
  return out;
}

/** A frame, or why it is not one (the caller logs that and ignores the frame). */
export function decodeFrame(bytes: Uint8Array): Frame | { refused: string } {
  if (bytes.length < 2) return { refused: `a frame of ${bytes.length} bytes is too short` };
  const type = bytes[0]!;
  if (type !== FRAME_OUTPUT && type !== FRAME_INPUT) return { refused: `unknown frame type 0x${type.toString(16)}` };
  const len = bytes[1]!;
  if (len < 2 || len > 7 || bytes.length < 2 + len) return { refused: `terminal id length ${len} does not fit` };
  let id = '';
  for (let i = 0; i < len; i++) id += String.fromCharCode(bytes[2 + i]!);
  if (!ID.test(id)) return { refused: `not a terminal id: ${JSON.stringify(id)}` };
  return { type, id, payload: bytes.subarray(2 + len) };
}

/** Cut UTF-8 bytes into frames of at most `max` payload bytes (cuts may fall inside a character). */
export function splitPayload(bytes: Uint8Array, max = INPUT_FRAME_BYTES): Uint8Array[] {
  if (bytes.length <= max) return [bytes];
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += max) out.push(bytes.subarray(i, i + max));
  return out;
}

/**
 * The page acknowledges parsed output in steps this large, in bytes (as ttyd and xterm.js's flow-control
 * guide do), and also whenever it has parsed all it was sent, once at least ACK_WHEN_CAUGHT_UP is owed:
 * what it owes then is below the point where even the smallest window resumes (core/terminal/flowControl.ts),
 * so a paused pty always resumes. A keystroke's echo alone asks for nothing.
 */
export const ACK_STEP = 100_000;
export const ACK_WHEN_CAUGHT_UP = 8 * 1024;
