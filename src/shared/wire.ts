// The WebSocket framing of the contract: a request carries an id; a reply echoes it; an event has none.
import { z } from 'zod';
import type { Reply } from './rpc';

export const WireRequest = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  params: z.unknown(),
});
export type WireRequest = z.output<typeof WireRequest>;

export type WireMessage = { id: number; reply: Reply } | { event: string; payload: unknown };

/** Path of the API socket on the web host. */
export const WS_PATH = '/api';
/** Largest frame the web host accepts: a runbook at the size limit, base64-encoded, with room to spare. */
export const WS_MAX_PAYLOAD = 16 * 1024 * 1024;
