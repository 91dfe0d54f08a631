// The rehearsal channels of the contract: what the sandbox knows, and the trainer's faults.
import type { Handlers } from '../../shared/contract';
import { TejunError } from '../../shared/errors';
import { allSteps } from '../../shared/model';
import type { ClientCtx, CoreContext } from '../context';
import { readFaults, setFault, type Sandbox } from './sandbox';

type RehearsalChannels = 'rehearsal:info' | 'rehearsal:fault';

const describe = (sb: Sandbox) => ({ flags: sb.flags, tools: sb.tools, faults: readFaults(sb) });

export function rehearsalHandlers({ sessions, sandboxes }: CoreContext): Pick<Handlers<ClientCtx>, RehearsalChannels> {
  return {
    'rehearsal:info': async ({ sessionId }) => {
      const sb = sandboxes.of(await sessions.get(sessionId));
      if (!sb) throw new TejunError('UNSUPPORTED', 'This is not a rehearsal session.');
      return describe(sb);
    },
    'rehearsal:fault': async ({ sessionId, stepId, command, symptom, exitCode, remove }) => {
      const session = await sessions.get(sessionId);
      const sb = sandboxes.of(session);
      if (!sb) throw new TejunError('UNSUPPORTED', 'Faults are injected only in a rehearsal.');
      const step = allSteps(session.doc.model).find((x) => x.id === stepId);
      if (!step) throw new TejunError('NOT_FOUND', `No step ${stepId} in this runbook.`);
      const commandId = command ? (step.commands[command - 1]?.id ?? null) : null;
      setFault(sb, { stepId, commandId, symptom, exitCode }, remove);
      return describe(sb);
    },
  };
}
