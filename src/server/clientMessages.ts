// What a connected page sends, read the same way on the operator's host and on the invite listener: JSON
// requests answered through the (role-guarded) handlers, and binary frames of keystrokes, decoded per terminal
// across frames. A malformed message is answered or reported, never thrown.
import { dispatch } from '../shared/rpc';
import { WireRequest, type WireMessage } from '../shared/wire';
import type { ClientCtx, CoreHost } from '../core/host';
import { inputFrames } from '../core/terminal/inputFrames';
import type { Log } from '../core/log';

type Problem = (where: string, err: unknown) => void;

/** A JSON request: validated, dispatched, answered with its id; a reply that cannot be built is reported. */
export async function answerRequest(
  core: CoreHost,
  raw: string,
  ctx: ClientCtx,
  send: (m: WireMessage) => void,
  problem: Problem,
): Promise<void> {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    message = undefined;
  }
  const req = WireRequest.safeParse(message);
  if (!req.success) {
    const message = 'A message on the API socket was not a request { id, channel, params }.';
    send({ id: 0, reply: { ok: false, error: { code: 'INVALID_REQUEST', message } } });
    return;
  }
  try {
    send({ id: req.data.id, reply: await dispatch(core.handlers, req.data.channel, req.data.params, ctx) });
  } catch (err) {
    problem(`${req.data.channel} for ${ctx.clientId}`, err);
  }
}

/** Keystrokes and pastes of one client: binary input frames, straight to the same (guarded) input handler. */
export function terminalInput(core: CoreHost, ctx: ClientCtx, logger: Log | undefined): (bytes: Uint8Array) => void {
  return inputFrames(
    (p) => core.handlers['terminal:input'](p, ctx),
    (what, detail) => logger?.warn({ clientId: ctx.clientId, ...detail }, what),
  );
}

/** ws hands a binary message over as a Buffer: the frame decoder reads its bytes. */
export const bytesOf = (raw: Buffer): Uint8Array => new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
