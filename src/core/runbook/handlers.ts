// The runbook channels of the contract: the runbook named at start, one opened by path, by bytes, or picked.
import { Buffer } from 'node:buffer';
import type { Handlers } from '../../shared/contract';
import { TejunError } from '../../shared/errors';
import type { RunbookDoc } from '../../shared/runbook';
import { rememberRunbook } from '../../shared/settings';
import type { ClientCtx, CoreContext } from '../context';
import { describeRunbook, readRunbookFile } from './load';

type RunbookChannels = 'runbook:current' | 'runbook:openPath' | 'runbook:openBytes' | 'runbook:pick';

export function runbookHandlers({ deps, runbooks }: CoreContext): Pick<Handlers<ClientCtx>, RunbookChannels> {
  const openPath = async (path: string): Promise<RunbookDoc> => {
    const { doc, bytes } = await readRunbookFile(path, true);
    runbooks.remember(doc, bytes);
    const s = deps.settings.get();
    deps.settings.update({
      recentRunbooks: rememberRunbook(s.recentRunbooks, doc.path ?? path, doc.title, new Date()),
    });
    return doc;
  };
  return {
    'runbook:current': async () => (deps.initialRunbookPath ? openPath(deps.initialRunbookPath) : null),
    'runbook:openPath': ({ path }) => openPath(path),
    'runbook:openBytes': ({ name, base64 }) => {
      const bytes = Buffer.from(base64, 'base64');
      return runbooks.remember(describeRunbook(bytes, name), bytes);
    },
    'runbook:pick': async (_p, ctx) => {
      if (!deps.pickFile)
        throw new TejunError(
          'UNSUPPORTED',
          'This host has no file dialog. Use the file picker or drop the runbook onto the window.',
        );
      const path = await deps.pickFile(ctx);
      return path ? openPath(path) : null;
    },
  };
}
