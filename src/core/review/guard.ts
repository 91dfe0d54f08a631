// The one place roles are enforced: every request passes here before its handler. A remote caller asking
// for what its role may not do is refused with FORBIDDEN, and the attempt goes into the session's journal.
import type { Channel, Handlers } from '../../shared/contract';
import { mayCall } from '../../shared/contractRoles';
import { TejunError } from '../../shared/errors';
import type { Caller } from '../../shared/review';
import type { Person } from './invites';

/** What the invite listener knows of a socket: mutable, since joining turns an invitee into their role. */
export interface RemoteCaller {
  role: Caller;
  /** The invite secret presented (until joined). */
  invite: string | null;
  person: Person | null;
  /** The peer's address, as the socket saw it. */
  from: string;
  /** Close this socket (revocation). */
  close: () => void;
}

export interface GuardedCtx {
  clientId: string;
  remote?: RemoteCaller;
}

export const callerOf = (ctx: GuardedCtx): Caller => ctx.remote?.role ?? 'operator';

export function guard<Ctx extends GuardedCtx>(
  handlers: Handlers<Ctx>,
  refused: (ctx: Ctx, channel: Channel) => void,
): Handlers<Ctx> {
  const wrapped: Record<string, (p: unknown, c: Ctx) => unknown> = {};
  for (const [channel, handler] of Object.entries(handlers) as [Channel, (p: unknown, c: Ctx) => unknown][]) {
    wrapped[channel] = (params, ctx) => {
      const who = callerOf(ctx);
      if (!mayCall(channel, who)) {
        refused(ctx, channel);
        throw new TejunError('FORBIDDEN', `A ${who} may not use ${channel}: only the operator at the host can.`);
      }
      return handler(params, ctx);
    };
  }
  return wrapped as Handlers<Ctx>;
}
