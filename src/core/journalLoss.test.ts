// A journal append that really fails (the disk is full) is neither swallowed nor silent: the event is
// named on the session every client sees, the log has it with its stack, and nothing later is acknowledged.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, JournalLoss } from '../shared/contract';
import { createCoreHost, type CoreHost } from './host';
import { createLog, logFile } from './log';
import { FileSettingsStore } from './settings/settingsStore';
import { fillTheDisk } from './session/fullDisk.testkit';
import { until } from './until.testkit';

const SAMPLE = readFileSync(resolve(import.meta.dirname, '../../runbooks/release-ja.md'));

let core: CoreHost | null = null;
afterEach(() => core?.dispose());

describe.skipIf(!existsSync('/dev/full') || !existsSync('/proc/self/fd'))('a failed journal append', () => {
  it('appears on the session and in the log, and nothing after it is acknowledged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tejun-loss-'));
    const settings = FileSettingsStore.inDataDir(dataDir);
    core = createCoreHost({ version: 't', transport: 'web', dataDir, settings, log: createLog(dataDir) });
    const events: { event: EventName; payload: unknown }[] = [];
    const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void events.push({ event, payload });
    const ctx = { clientId: 'c1', emit };
    const payloads = <E extends EventName>(name: E) =>
      events.filter((e) => e.event === name).map((e) => e.payload as EventPayload<E>);
    const h = core.handlers;
    const doc = await h['runbook:openBytes']({ name: 'release-ja.md', base64: SAMPLE.toString('base64') }, ctx);
    const view = await h['session:create']({ runbookSha256: doc.sha256, rehearsal: false, speed: 1 }, ctx);
    const t = await h['terminal:create']({ cols: 80, rows: 24, sessionId: view.sessionId }, ctx);
    await until(() => payloads('terminal:status').some((p) => p.integration === 'active'));

    fillTheDisk(join(dataDir, 'sessions', view.sessionId, 'journal.jsonl'));
    await h['terminal:input']({ id: t.id, data: 'echo lost-one\r' }, ctx);

    const lostOf = (): JournalLoss[] => payloads('session:state').flatMap((p) => p.lost ?? []);
    await until(() => lostOf().length > 0);
    const reason = expect.stringMatching(/could not be written \(ENOSPC/);
    expect(lostOf()[0]).toMatchObject({ event: 'shell-command', reason });

    const line = readFileSync(logFile(dataDir), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: number; event?: string; err?: { stack: string } })
      .find((l) => l.event === 'shell-command');
    expect(line).toMatchObject({ level: 50, sessionId: view.sessionId, err: { cause: { code: 'ENOSPC' } } });
    expect(line?.err?.stack).toMatch(/journal\.ts:\d+/);

    // The operator's next action is refused with the reason, and is itself named as lost.
    const note = h['session:command']({ sessionId: view.sessionId, command: { type: 'note', text: 'x', by: '' } }, ctx);
    await expect(note).rejects.toThrow(/Not recorded: The journal could not be written/);
    const reopened = await h['session:open']({ sessionId: view.sessionId }, ctx);
    expect(reopened.lost.map((l) => l.event)).toEqual(['shell-command', 'note']);
    expect(reopened.readOnly).toBe(true);
  });
});
