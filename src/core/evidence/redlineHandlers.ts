// The redline channel: "Propose runbook changes" in the app gets the same patch as `tejun redline`.
import type { Handlers } from '../../shared/contract';
import type { SessionStore } from '../session/sessions';
import { redlineExport } from './redline';

export function redlineHandlers(deps: {
  sessions: SessionStore;
  dataDir: string;
}): Pick<Handlers<unknown>, 'session:redline'> {
  return {
    'session:redline': async ({ sessionId }) => {
      const session = await deps.sessions.get(sessionId);
      const r = redlineExport(session.dir, deps.dataDir);
      const base = `${session.state.rehearsal ? 'REHEARSAL-' : ''}${session.id}`;
      return { name: `${base}.redline.patch`, patch: r.patch, steps: r.redlines.length };
    },
  };
}
