import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRunbook, readRunbookFile } from './load';

export const SEEDS = resolve(import.meta.dirname, '../../../../shared/seeds');
const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));

describe('readRunbookFile', () => {
  it('opens every seed document as it is', async () => {
    expect(seedFiles).toHaveLength(5);
    for (const f of seedFiles) {
      const doc = await readRunbookFile(join(SEEDS, f));
      expect(doc.language).toBe('ja');
      expect(doc.encoding).toBe('utf-8');
      expect(doc.text).toBe(readFileSync(join(SEEDS, f), 'utf8'));
      expect(doc.outline.length).toBeGreaterThan(0);
    }
  });
  it('takes the title from the first level-1 heading', async () => {
    const doc = await readRunbookFile(join(SEEDS, '000_8597f5dc98a4b98d.txt'));
    expect(doc.title).toBe('リリース手順書テンプレート');
    expect(doc.outline.find((o) => o.text === 'フェーズ1: 準備（30分）')?.line).toBe(58);
  });
  it('says clearly when the file is missing or is a folder', async () => {
    await expect(readRunbookFile('/nonexistent/x.md')).rejects.toThrowError(
      /x\.md: cannot open the runbook \(no such file\)/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'tejun-'));
    mkdirSync(join(dir, 'folder.md'));
    await expect(readRunbookFile(join(dir, 'folder.md'))).rejects.toThrowError(/folder/);
  });
  it('reports an empty file and a file without headings as diagnostics, not crashes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-'));
    writeFileSync(join(dir, 'empty.md'), '');
    writeFileSync(join(dir, 'flat.md'), 'just words\n');
    expect((await readRunbookFile(join(dir, 'empty.md'))).diagnostics[0]).toMatchObject({
      code: 'empty',
      severity: 'error',
    });
    expect((await readRunbookFile(join(dir, 'flat.md'))).diagnostics[0]).toMatchObject({ code: 'no-runnable-steps' });
  });
});

describe('describeRunbook', () => {
  it('gives the same ids for the same text (so a session can resume), and different ids for repeated headings', () => {
    const text = '# T\n## Step\n## Step\n### a\n';
    const a = describeRunbook(new TextEncoder().encode(text), 'a.md').outline;
    const b = describeRunbook(new TextEncoder().encode(text), 'b.md').outline;
    expect(a.map((o) => o.id)).toEqual(b.map((o) => o.id));
    expect(new Set(a.map((o) => o.id)).size).toBe(4);
  });
  it('counts lines from the top of the file when there is front matter', () => {
    const doc = describeRunbook(new TextEncoder().encode('---\ntitle: x\n---\n\n# Real\n'), 'fm.md');
    expect(doc.outline).toEqual([expect.objectContaining({ text: 'Real', line: 5, level: 1 })]);
  });
  it('handles 20,000 headings and very deep lists without trouble', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `## H${i}\ntext`).join('\n');
    expect(describeRunbook(new TextEncoder().encode(many), 'many.md').outline).toHaveLength(20_000);
    const deep = `${'- '.repeat(10_000)}item\n${'> '.repeat(10_000)}quote`;
    expect(() => describeRunbook(new TextEncoder().encode(`# Deep\n${deep}`), 'deep.md')).not.toThrow();
  });
});

describe('role corrections', () => {
  it('a corrected block role reaches the described document, and the text stays as it is', () => {
    const bytes = new TextEncoder().encode('# T\n\n## Check\n\n```\nsystemctl status app\n```\n\n```\nactive\n```\n');
    const plain = describeRunbook(bytes, 'c.md');
    const id = plain.model.blocks[1]!.id;
    const corrected = describeRunbook(bytes, 'c.md', undefined, { [id]: 'command' });
    expect(corrected.model.blocks[1]).toMatchObject({ id, role: 'command', confidence: 'stated' });
    expect(corrected.model.phases[0]!.steps[0]!.commands.map((c) => c.text)).toEqual([
      'systemctl status app',
      'active',
    ]);
    expect(corrected.sha256).toBe(plain.sha256);
  });
});
