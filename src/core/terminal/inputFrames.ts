// Keystrokes and pastes arrive as binary input frames, on the WebSocket and over Electron IPC alike.
// UTF-8 is decoded per terminal across frames, so a paste cut inside a character arrives whole; the
// text goes straight to the input handler (which checks that the terminal is this client's), with no
// schema pass per key. A frame that does not parse is reported and ignored, never thrown.
import { decodeFrame, FRAME_INPUT } from '../../shared/terminalFrames';

export type InputHandler = (params: { id: string; data: string }) => unknown;

export interface InputReport {
  /** Why a frame was ignored, or that the handler refused the input. */
  (what: string, detail: { bytes?: number; terminal?: string; err?: unknown }): void;
}

/** One decoder per client: feed it every binary frame the client sends. */
export function inputFrames(handle: InputHandler, report: InputReport): (bytes: Uint8Array) => void {
  const decoders = new Map<string, InstanceType<typeof TextDecoder>>();
  return (bytes) => {
    const f = decodeFrame(bytes);
    if ('refused' in f || f.type !== FRAME_INPUT) {
      const why = 'refused' in f ? f.refused : 'an output frame sent by a page';
      report(`binary frame ignored: ${why}`, { bytes: bytes.length });
      return;
    }
    let d = decoders.get(f.id);
    if (!d) decoders.set(f.id, (d = new TextDecoder('utf-8')));
    const data = d.decode(f.payload, { stream: true });
    if (!data) return;
    const refused = (err: unknown): void => report('terminal input refused', { terminal: f.id, err });
    try {
      const r = handle({ id: f.id, data });
      if (r instanceof Promise) r.catch(refused);
    } catch (err) {
      refused(err);
    }
  };
}
