import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/session/events';
import { GENESIS, JournalWriter, readJournal, sha256, verifyJournalText } from './journal';

const created: SessionEvent = {
  type: 'session-created',
  sessionId: 's',
  runbookName: 'r.md',
  runbookSha256: 'x',
  title: 'T',
  rehearsal: false,
  speed: 1,
  operator: 'op',
};
const note = (text: string): SessionEvent => ({ type: 'note', text, by: 'op' });

async function journalWith(n: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-j-'));
  const { writer } = await JournalWriter.create(dir, created);
  for (let i = 0; i < n; i++) await writer.append(note(`n${i}`));
  await writer.close();
  return dir;
}

describe('journal', () => {
  it('chains entries by the hash of the previous line, numbered from 1', async () => {
    const dir = await journalWith(3);
    const lines = readFileSync(join(dir, 'journal.jsonl'), 'utf8').trimEnd().split('\n');
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(entries[0].prev).toBe(GENESIS);
    expect(entries[2].prev).toBe(sha256(lines[1]!));
    expect((await readJournal(dir)).problems).toEqual([]);
  });

  it('keeps the order of concurrent appends and acknowledges each after it is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-j-'));
    const { writer } = await JournalWriter.create(dir, created);
    const acks = await Promise.all(Array.from({ length: 200 }, (_, i) => writer.append(note(`c${i}`))));
    expect(acks.map((a) => a.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    const v = await readJournal(dir);
    expect(v.entries).toHaveLength(201);
    expect(v.problems).toEqual([]);
    await writer.close();
  });

  it('sets a torn last line aside, keeps everything before it, and appends after it', async () => {
    const dir = await journalWith(2);
    appendFileSync(join(dir, 'journal.jsonl'), '{"seq":4,"time":"2026-');
    const v = await readJournal(dir);
    expect(v.entries).toHaveLength(3);
    expect(v.problems).toEqual([expect.objectContaining({ kind: 'torn-tail', entry: 4 })]);
    expect(v.readOnly).toBe(false);
    const w = await JournalWriter.open(dir, v);
    await w.append(note('after'));
    await w.close();
    const again = await readJournal(dir);
    expect(again.problems).toEqual([]);
    expect(again.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(readdirSync(dir).some((f) => f.startsWith('journal.torn-'))).toBe(true);
  });

  it('reports a change in the middle with the entry number and opens read-only', async () => {
    const dir = await journalWith(4);
    const file = join(dir, 'journal.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"n1"', '"n1 (edited)"'));
    const v = await readJournal(dir);
    expect(v.readOnly).toBe(true);
    expect(v.problems[0]).toMatchObject({ kind: 'broken-chain', entry: 4 });
    expect(v.entries).toHaveLength(3);
    await expect(JournalWriter.open(dir, v)).rejects.toThrowError(/broken at entry 4/);
  });

  it('detects removed, reordered and garbage entries', () => {
    const dirText = (lines: string[]) => lines.join('\n') + '\n';
    const a = JSON.stringify({ seq: 1, time: 't', event: created, prev: GENESIS });
    const b = JSON.stringify({ seq: 2, time: 't', event: note('b'), prev: sha256(a) });
    const c = JSON.stringify({ seq: 3, time: 't', event: note('c'), prev: sha256(b) });
    expect(verifyJournalText(dirText([a, b, c])).problems).toEqual([]);
    expect(verifyJournalText(dirText([a, c])).problems[0]).toMatchObject({ kind: 'broken-chain', entry: 2 });
    expect(verifyJournalText(dirText([a, c, b])).problems[0]).toMatchObject({ entry: 2 });
    expect(verifyJournalText(dirText([a, 'garbage', c])).problems[0]).toMatchObject({ kind: 'bad-entry', entry: 2 });
    expect(verifyJournalText('').entries).toEqual([]);
  });
});
