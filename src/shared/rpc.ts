// Validation at the boundary and the reply envelope, shared by both transports.
import type { z } from 'zod';
import { isChannel, requests, type Channel, type Handlers, type ParsedParams } from './contract';
import { TejunError, toErrorPayload, type ErrorPayload } from './errors';

export type Reply = { ok: true; result: unknown } | { ok: false; error: ErrorPayload };

/** The first problem of a zod error as "field": "what is wrong", so the message names the field. */
export function describeIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', message: 'invalid value' };
  const field = issue.path.map(String).join('.') || '(params)';
  return { field, message: issue.message };
}

/** Check a channel name and its params against the contract; throw INVALID_REQUEST naming the field. */
export function validateRequest<C extends Channel>(
  channel: unknown,
  params: unknown,
): { channel: C; params: ParsedParams<C> } {
  if (!isChannel(channel)) {
    const shown = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
    throw new TejunError(
      'UNKNOWN_CHANNEL',
      `Unknown request "${shown}". This host understands: ${Object.keys(requests).join(', ')}.`,
    );
  }
  const parsed = requests[channel].params.safeParse(params ?? {});
  if (!parsed.success) {
    const { field, message } = describeIssue(parsed.error);
    throw new TejunError('INVALID_REQUEST', `Invalid request "${channel}": field "${field}": ${message}.`, { field });
  }
  return { channel: channel as C, params: parsed.data as ParsedParams<C> };
}

/** Validate, run the handler, and always answer with an envelope: errors cross typed, never as bare strings. */
export async function dispatch<Ctx>(
  handlers: Handlers<Ctx>,
  channel: unknown,
  params: unknown,
  ctx: Ctx,
): Promise<Reply> {
  try {
    const req = validateRequest(channel, params);
    const handler = handlers[req.channel] as (p: unknown, c: Ctx) => unknown;
    const result = await handler(req.params, ctx);
    return { ok: true, result: result === undefined ? null : result };
  } catch (err) {
    return { ok: false, error: toErrorPayload(err) };
  }
}

/** The renderer's side: turn an envelope back into a value or a thrown TejunError. */
export function unwrapReply(reply: unknown): unknown {
  if (reply && typeof reply === 'object' && 'ok' in reply) {
    const r = reply as Reply;
    if (r.ok) return r.result;
    throw TejunError.fromPayload(r.error);
  }
  throw new TejunError('INTERNAL', 'The host answered with something that is not a reply envelope.');
}
