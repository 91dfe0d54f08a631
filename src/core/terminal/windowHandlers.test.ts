// Two windows of one session, a real shell between them: both see its output, one types; the other
// takes the keyboard back; when the typing window goes, the watching one types; a shell nobody came
// back to is listed with what runs in it and can be ended.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../shared/contract';
import { createCoreHost, type ClientCtx, type CoreHost } from '../host';
import { FileSettingsStore } from '../settings/settingsStore';
import { alive, until } from './ptyTestKit';

const SAMPLE = readFileSync(resolve(import.meta.dirname, '../../../runbooks/release-en.md'));

let core: CoreHost | null = null;
afterEach(() => core?.dispose());

function window(clientId: string) {
  let text = '';
  const typing: boolean[] = [];
  const utf8 = new TextDecoder();
  const ctx: ClientCtx = {
    clientId,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event === 'terminal:typing') typing.push((payload as EventPayload<'terminal:typing'>).typing);
    },
    output: (_id, bytes) => void (text += utf8.decode(bytes, { stream: true })),
  };
  return { ctx, text: () => text, typing };
}

async function session() {
  const dataDir = mkdtempSync(join(tmpdir(), 'tejun-windows-'));
  core = createCoreHost({
    version: 't',
    transport: 'web',
    dataDir,
    settings: FileSettingsStore.inDataDir(dataDir),
    detachedGraceMs: 0,
  });
  const a = window('window-a');
  const h = core.handlers;
  const doc = await h['runbook:openBytes']({ name: 'release-en.md', base64: SAMPLE.toString('base64') }, a.ctx);
  const view = await h['session:create']({ runbookSha256: doc.sha256, rehearsal: false, speed: 1 }, a.ctx);
  const t = await h['terminal:create']({ cols: 80, rows: 24, sessionId: view.sessionId, name: 'Shell 1' }, a.ctx);
  return { h, a, t, sessionId: view.sessionId, core };
}

describe('a session terminal shown in two windows', () => {
  it('both see the output, the newest types, the other takes the keyboard back', async () => {
    const { h, a, t, sessionId } = await session();
    const b = window('window-b');
    const again = await h['terminal:create']({ cols: 80, rows: 24, sessionId, name: 'Shell 1', reattach: true }, b.ctx);
    expect(again.id).toBe(t.id);
    expect(a.typing.at(-1)).toBe(false);
    expect(b.typing.at(-1)).toBe(true);
    await h['terminal:input']({ id: t.id, data: 'echo from-$((40+2))-b\r' }, b.ctx);
    await until(() => a.text().includes('from-42-b') && b.text().includes('from-42-b'));
    // The watching window does not type.
    await expect(Promise.resolve().then(() => h['terminal:input']({ id: t.id, data: 'x' }, a.ctx))).rejects.toThrow(
      /not open/,
    );
    await h['terminal:takeover']({ id: t.id }, a.ctx);
    expect(a.typing.at(-1)).toBe(true);
    expect(b.typing.at(-1)).toBe(false);
    await h['terminal:input']({ id: t.id, data: 'echo from-$((40+3))-a\r' }, a.ctx);
    await until(() => b.text().includes('from-43-a'));
  });

  it('when the typing window goes, the watching one types; alone, the shell waits and is listed, then ended', async () => {
    const { h, a, t, sessionId, core: c } = await session();
    const b = window('window-b');
    await h['terminal:create']({ cols: 80, rows: 24, sessionId, name: 'Shell 1', reattach: true }, b.ctx);
    c.disconnect('window-b');
    expect(a.typing.at(-1)).toBe(true);
    await h['terminal:input']({ id: t.id, data: 'sleep 30\r' }, a.ctx);
    await h['terminal:detach']({ id: t.id }, a.ctx);
    // The list says what runs in it once the shell has started `sleep` (its foreground process).
    let waiting = await h['terminal:waiting']({}, a.ctx);
    for (let i = 0; i < 100 && waiting[0]?.process !== 'sleep'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      waiting = await h['terminal:waiting']({}, a.ctx);
    }
    expect(waiting).toEqual([
      expect.objectContaining({ id: t.id, name: 'Shell 1', sessionId, process: 'sleep', step: null }),
    ]);
    await h['terminal:end']({ id: t.id }, a.ctx);
    await until(() => !alive(t.pid));
    expect(await h['terminal:waiting']({}, a.ctx)).toEqual([]);
  });
});
