import { describe, expect, it } from 'vitest';
import { OscMarkParser, unescapeValue } from './oscParser';

const N = 'n0nce42';
const osc = (body: string, st = '\x07') => `\x1b]${body}${st}`;

describe('OscMarkParser', () => {
  it('reads a whole command cycle with its nonce', () => {
    const p = new OscMarkParser(N);
    const marks = p.feed(
      `${osc(`633;A;${N}`)}$ ${osc(`633;B;${N}`)}echo hi\r\n${osc(`633;E;echo hi;${N}`)}${osc(`633;C;${N}`)}hi\r\n${osc(`633;D;0;${N}`)}`,
    );
    expect(marks.map((m) => m.mark)).toEqual([
      { kind: 'prompt-start' },
      { kind: 'prompt-end' },
      { kind: 'command-line', commandLine: 'echo hi' },
      { kind: 'output-start' },
      { kind: 'command-end', exitCode: 0 },
    ]);
  });
  it('keeps a sequence split across chunks, at every possible split point', () => {
    const stream = `out${osc(`633;D;127;${N}`, '\x1b\\')}more`;
    for (let i = 0; i <= stream.length; i++) {
      const p = new OscMarkParser(N);
      const marks = [...p.feed(stream.slice(0, i)), ...p.feed(stream.slice(i))];
      expect([i, marks.map((m) => m.mark)]).toEqual([i, [{ kind: 'command-end', exitCode: 127 }]]);
      expect(marks[0]!.offset).toBe(stream.length - 4);
    }
  });
  it('ignores spoofed marks without the nonce, and reports them', () => {
    const p = new OscMarkParser(N);
    expect(p.feed(osc('633;D;0;wrong') + osc('633;D;0'))).toEqual([]);
    expect(p.spoofed).toHaveLength(2);
  });
  it('treats a missing D exit code as unknown, and a D without one as such', () => {
    const p = new OscMarkParser(N);
    expect(p.feed(osc(`633;D;${N}`))[0]!.mark).toEqual({ kind: 'command-end', exitCode: null });
    expect(p.feed(osc(`633;D;abc;${N}`))[0]!.mark).toEqual({ kind: 'command-end', exitCode: null });
  });
  it('accepts FinalTerm 133 marks until the nonce-carrying 633 marks appear', () => {
    const p = new OscMarkParser(N);
    expect(p.feed(osc('133;D;1'))[0]!.mark).toEqual({ kind: 'command-end', exitCode: 1 });
    p.feed(osc(`633;A;${N}`));
    expect(p.feed(osc('133;D;0'))).toEqual([]);
  });
  it('reads the run markers tejun writes itself', () => {
    const p = new OscMarkParser(N);
    expect(p.feed(osc(`633;X;start;r7;${N}`) + 'x' + osc(`633;X;end;r7;2;${N}`)).map((m) => m.mark)).toEqual([
      { kind: 'run-start', runId: 'r7' },
      { kind: 'run-end', runId: 'r7', exitCode: 2 },
    ]);
  });
  it('drops an OSC that never ends instead of growing without bound', () => {
    const p = new OscMarkParser(N);
    p.feed('\x1b]633;E;' + 'x'.repeat(70_000));
    expect(p.feed(osc(`633;A;${N}`)).map((m) => m.mark.kind)).toEqual(['prompt-start']);
  });
  it('unescapes command lines', () => {
    expect(unescapeValue('a\\x3bb \\\\ c')).toBe('a;b \\ c');
  });
});
