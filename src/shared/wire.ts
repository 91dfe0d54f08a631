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
/** The subprotocol the page asks for and the host answers with. */
export const WS_PROTOCOL = 'tejun';
/** The page presents its token as a second subprotocol, `tejun.token.<hex>`; the host never echoes it. */
export const WS_TOKEN_PREFIX = 'tejun.token.';
/** Largest frame the web host accepts. Every string in the contract fits with room to spare (a runbook at
 *  the size limit, base64: 11.2 MB; an upload chunk: 5.6 MB); bigger files travel as an upload by chunks. */
export const WS_MAX_PAYLOAD = 16 * 1024 * 1024;
/** A joiner presents an unused invite as `tejun.invite.<hex>` (to read the code aloud and join)… */
export const INVITE_PREFIX = 'tejun.invite.';
/** …and, once joined, the credential they were given, `tejun.cred.<hex>` (the operator can revoke it). */
export const CREDENTIAL_PREFIX = 'tejun.cred.';
