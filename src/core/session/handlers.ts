// The session channels of the contract: list, create (on a runbook opened in this host), open, command.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../../shared/contract';
import { TejunError } from '../../shared/errors';
import { watchedSession, type ClientCtx, type CoreContext } from '../context';
import { PLAN_READ, readRegularFile } from '../files';

type SessionChannels = 'session:list' | 'session:create' | 'session:open' | 'session:command';

export function sessionHandlers(core: CoreContext): Pick<Handlers<ClientCtx>, SessionChannels> {
  const { deps, sessions } = core;
  return {
    'session:list': () => sessions.list(),
    'session:create': async ({ runbookSha256, rehearsal, speed }, ctx) => {
      const rb = core.runbooks.get(runbookSha256);
      if (!rb)
        throw new TejunError(
          'NOT_FOUND',
          'That runbook is no longer open in this host. Open the file again, then start the session.',
        );
      const operator = deps.settings.get().operatorName || 'operator';
      const session = await sessions.create(rb.bytes, rb.name, { rehearsal, speed: rehearsal ? speed : 1, operator });
      if (rehearsal && deps.rehearsal?.plan) {
        writeFileSync(join(session.dir, 'rehearsal-plan.yaml'), await readRegularFile(deps.rehearsal.plan, PLAN_READ), {
          mode: 0o600,
        });
      }
      core.sandboxes.of(session);
      return core.watchers.watch(session, ctx).view();
    },
    'session:open': async ({ sessionId }, ctx) => (await watchedSession(core, sessionId, ctx)).view(),
    'session:command': async ({ sessionId, command }, ctx) =>
      (await watchedSession(core, sessionId, ctx)).submit(command),
  };
}
