import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, FRAME_INPUT, FRAME_OUTPUT, splitPayload } from './terminalFrames';

const utf8 = new TextEncoder();

describe('terminal frames', () => {
  it('carries a terminal id and raw bytes, control characters included, unescaped', () => {
    const payload = utf8.encode('\x1b[31mred\x1b[0m\r\n\x00');
    const f = decodeFrame(encodeFrame(FRAME_OUTPUT, 't12', payload));
    expect(f).toEqual({ type: FRAME_OUTPUT, id: 't12', payload });
  });

  it.each([
    ['empty', new Uint8Array(0), /too short/],
    ['unknown type', Uint8Array.of(0x7f, 2, 0x74, 0x31), /unknown frame type 0x7f/],
    ['id longer than the frame', Uint8Array.of(FRAME_INPUT, 6, 0x74, 0x31), /does not fit/],
    ['id that is not a terminal id', Uint8Array.of(FRAME_INPUT, 2, 0x2e, 0x2e, 0x41), /not a terminal id/],
  ])('refuses a hostile frame (%s) without throwing', (_, bytes, why) => {
    const f = decodeFrame(bytes);
    expect('refused' in f && f.refused).toMatch(why);
  });

  it('refuses to encode an id that is not a terminal id', () => {
    expect(() => encodeFrame(FRAME_INPUT, '../x', new Uint8Array(0))).toThrow(/not a terminal id/);
  });

  it('splits a 16 MB paste into 64 KiB frames whose UTF-8 reassembles exactly, characters cut across frames', () => {
    const text = 'データベース移行 ✓ 🚀 '.repeat((16 * 1024 * 1024) / 40);
    const bytes = utf8.encode(text);
    const parts = splitPayload(bytes).map((p) => decodeFrame(encodeFrame(FRAME_INPUT, 't1', p)));
    expect(parts.length).toBe(Math.ceil(bytes.length / 65536));
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let out = '';
    let cut = 0;
    for (const p of parts) {
      if (!('payload' in p)) throw new Error(p.refused);
      // A frame boundary inside a character: the streaming decoder holds its first bytes back.
      if ((p.payload[p.payload.length - 1]! & 0xc0) === 0x80 || p.payload[p.payload.length - 1]! >= 0xc0) cut++;
      out += decoder.decode(p.payload, { stream: true });
    }
    out += decoder.decode();
    expect(cut).toBeGreaterThan(0);
    expect(out).toBe(text);
  });
});
