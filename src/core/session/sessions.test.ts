import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionStore as Store } from './sessions';

// Every store made here is closed at the end, so no journal file handle is left to the garbage collector.
const made: Store[] = [];
class SessionStore extends Store {
  constructor(...args: ConstructorParameters<typeof Store>) {
    super(...args);
    made.push(this);
  }
}
afterAll(async () => {
  for (const s of made) await s.closeAll();
});

const SAMPLE = readFileSync(resolve(import.meta.dirname, '../../../runbooks/release-ja.md'));
const opts = { rehearsal: false, speed: 1, operator: '山田' };

describe('SessionStore', () => {
  it('stores the runbook as it was, replays the journal on reopen, and keeps every acknowledged event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-ss-'));
    const store = new SessionStore(dir);
    const s = await store.create(SAMPLE, 'release-ja.md', opts);
    expect(readFileSync(join(s.dir, 'runbook.md')).equals(SAMPLE)).toBe(true);
    await s.submit({ type: 'preflight-start' });
    await s.submit({ type: 'variables-set', values: { DB_HOST: 'db.staging.internal' } });
    await s.submit({ type: 'go-decision', decision: 'go', by: '佐藤', reason: '' });
    const first = s.doc.model.phases[0]!.steps[0]!;
    await s.submit({ type: 'step-start', stepId: first.id });
    await s.submit({ type: 'note', text: 'VPN は予備回線', by: '山田' });
    await store.closeAll();

    const again = await new SessionStore(dir).get(s.id);
    expect(again.state.lifecycle).toBe('running');
    expect(again.state.activeStepId).toBe(first.id);
    expect(again.state.notes.map((n) => n.text)).toEqual(['VPN は予備回線']);
    expect(again.readOnly).toBe(false);
    expect(again.state.lastSeq).toBe(6);
  });

  it('rejects an invalid command with the reason and writes nothing', async () => {
    const store = new SessionStore(mkdtempSync(join(tmpdir(), 'tejun-ss-')));
    const s = await store.create(SAMPLE, 'r.md', opts);
    await expect(s.submit({ type: 'step-start', stepId: s.doc.model.phases[0]!.steps[0]!.id })).rejects.toThrowError(
      /once the release is running/,
    );
    expect(readFileSync(join(s.dir, 'journal.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(1);
  });

  it('opens read-only when the stored runbook was changed after the start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-ss-'));
    const s = await new SessionStore(dir).create(SAMPLE, 'r.md', opts);
    writeFileSync(join(s.dir, 'runbook.md'), SAMPLE.toString('utf8').replace('v2.4.0', 'v9.9.9'));
    const again = await new SessionStore(dir).get(s.id);
    expect(again.readOnly).toBe(true);
    expect(again.problems[0]?.message).toContain('does not match the hash recorded at the start');
    await expect(again.submit({ type: 'note', text: 'x', by: '' })).rejects.toThrowError(/read-only/);
  });

  it('lists sessions newest first, and refuses a runbook with nothing to run', async () => {
    const store = new SessionStore(mkdtempSync(join(tmpdir(), 'tejun-ss-')));
    await store.create(SAMPLE, 'a.md', opts);
    const list = await store.list();
    expect(list[0]).toMatchObject({ title: '注文APIリリース手順書', lifecycle: 'prepared' });
    await expect(store.create(Buffer.from('# Notes\n\njust text\n'), 'notes.md', opts)).rejects.toThrowError(
      /no runnable steps/,
    );
  });

  it('fires due timers into the journal, once', async () => {
    let now = Date.parse('2026-12-03T01:00:00Z');
    const store = new SessionStore(mkdtempSync(join(tmpdir(), 'tejun-ss-')), () => now);
    const s = await store.create(SAMPLE, 'r.md', opts);
    await s.submit({ type: 'preflight-start' });
    await s.submit({ type: 'variables-set', values: { DB_HOST: 'db.staging.internal' } });
    await s.submit({ type: 'go-decision', decision: 'go', by: '佐藤', reason: '' });
    now += 16 * 60_000;
    await s.tick();
    await s.tick();
    expect(Object.keys(s.state.fired)).toEqual(['progress-report:1']);
    now += 75 * 60_000;
    await s.tick();
    expect(Object.keys(s.state.fired)).toEqual(expect.arrayContaining(['deadline-30', 'progress-report:6']));
  });
});

describe('listing sessions', () => {
  const openFds = () => readdirSync('/proc/self/fd').length;

  const linux = existsSync('/proc/self/fd');
  it.skipIf(!linux)(
    'reads every folder without opening a writer, repairing a tail or keeping a file open',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tejun-ls-'));
      const maker = new Store(dir);
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const s = await maker.create(SAMPLE, `r${i}.md`, opts);
        await s.submit({ type: 'note', text: `n${i}`, by: '' });
        ids.push(s.id);
      }
      await maker.closeAll();
      // A power loss cut the last write of one session: the torn line must survive a mere listing.
      const torn = join(dir, 'sessions', ids[3]!, 'journal.jsonl');
      writeFileSync(torn, readFileSync(torn, 'utf8') + '{"seq":3,"ti');
      const tornBytes = readFileSync(torn);

      const store = new Store(dir);
      const before = openFds();
      const list = await store.list();
      expect(openFds()).toBe(before);
      expect(list).toHaveLength(12);
      expect(list.find((x) => x.sessionId === ids[3])?.problems[0]).toMatch(/incomplete/);
      expect(readFileSync(torn).equals(tornBytes)).toBe(true);
      expect(readdirSync(join(dir, 'sessions', ids[3]!)).filter((f) => f.startsWith('journal.torn-'))).toEqual([]);

      // Opening the session is what sets the torn tail aside, and that writer is the only file kept open.
      const opened = await store.get(ids[3]!);
      expect(readFileSync(torn).length).toBeLessThan(tornBytes.length);
      expect(openFds()).toBe(before + 1);
      expect((await store.list()).find((x) => x.sessionId === ids[3])?.problems[0]).toMatch(/incomplete/);
      expect(openFds()).toBe(before + 1);
      await opened.close();
      await store.closeAll();
    },
  );
});

describe('block roles corrected in a session', () => {
  const OBJ = readFileSync(resolve(import.meta.dirname, '../../../runbooks/corpus/en-objectstore-upgrade-steps.md'));
  it('re-reads the runbook with the correction, journals it, and reads it the same way after a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-ss-roles-'));
    const store = new SessionStore(dir);
    const s = await store.create(OBJ, 'objectstore.md', opts);
    const step = s.doc.model.phases.flatMap((p) => p.steps).find((x) => x.commands[0]?.expectedOutput)!;
    const out = step.expected.find((e) => e.block && e.blockId)!;
    expect(s.doc.model.blocks.find((b) => b.id === out.blockId)!.role).toBe('output');
    await s.submit({ type: 'block-role', blockId: out.blockId!, role: 'command', by: '' });
    const reread = (x: typeof s) => x.doc.model.phases.flatMap((p) => p.steps).find((y) => y.id === step.id)!;
    expect(reread(s).commands.length).toBe(step.commands.length + 1);
    expect(reread(s).commands[0]!.expectedOutput).toBeNull();
    const block = s.doc.model.blocks.find((b) => b.id === out.blockId);
    expect(block).toMatchObject({ role: 'command', confidence: 'stated' });
    const wrong = s.submit({ type: 'block-role', blockId: 'nope', role: 'command', by: '' });
    await expect(wrong).rejects.toThrow(/No code block/);
    await store.closeAll();

    const again = await new SessionStore(dir).get(s.id);
    expect(again.state.roles).toEqual({ [out.blockId!]: 'command' });
    expect(reread(again).commands.map((c) => c.id)).toEqual(reread(s).commands.map((c) => c.id));
    expect(readFileSync(join(s.dir, 'runbook.md')).equals(OBJ)).toBe(true);
  });
});

describe('block roles kept per runbook hash', () => {
  const OBJ = readFileSync(resolve(import.meta.dirname, '../../../runbooks/corpus/en-objectstore-upgrade-steps.md'));
  it('a correction is journaled into the next session of the same runbook, not into another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-ss-keep-'));
    const store = new SessionStore(dir);
    const s = await store.create(OBJ, 'objectstore.md', opts);
    const out = s.doc.model.blocks.find((b) => b.role === 'output')!;
    await s.submit({ type: 'block-role', blockId: out.id, role: 'command', by: '' });
    const file = join(dir, 'corrections', `${s.doc.sha256}.json`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ [out.id]: 'command' });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const next = await store.create(OBJ, 'objectstore.md', opts);
    expect(next.state.roles).toEqual({ [out.id]: 'command' });
    expect(next.doc.model.blocks.find((b) => b.id === out.id)!.role).toBe('command');
    expect(readFileSync(join(next.dir, 'journal.jsonl'), 'utf8')).toContain('"block-role"');
    const other = await store.create(SAMPLE, 'release-ja.md', opts);
    expect(other.state.roles).toEqual({});
  });

  it('a damaged corrections file is ignored, and the session starts as the file reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-ss-keep-bad-'));
    const store = new SessionStore(dir);
    const first = await store.create(OBJ, 'objectstore.md', opts);
    mkdirSync(join(dir, 'corrections'), { recursive: true });
    writeFileSync(join(dir, 'corrections', `${first.doc.sha256}.json`), '{"x": "rm -rf"');
    const s = await store.create(OBJ, 'objectstore.md', opts);
    expect(s.state.roles).toEqual({});
  });
});
