import { describe, expect, it } from 'vitest';
import { ReplayBuffer } from './replayBuffer';

describe('ReplayBuffer', () => {
  it('gives back all of a short output, in order, however it was cut', () => {
    const b = new ReplayBuffer(1000);
    for (const piece of ['$ ', 'e', 'c', 'h', 'o', ' hi\r\n', 'hi\r\n$ ']) b.push(piece);
    expect(b.text()).toBe('$ echo hi\r\nhi\r\n$ ');
    expect(b.text()).toBe('$ echo hi\r\nhi\r\n$ ');
  });

  it('keeps the last max characters of a flood, starting at a line start near the cut', () => {
    const b = new ReplayBuffer(10_000);
    const line = (i: number) => `\x1b[32mline ${String(i).padStart(6, '0')}\x1b[0m and some more text\r\n`;
    let all = '';
    for (let i = 0; i < 5000; i++) {
      // Pty reads of every size: a byte, a line, many lines.
      const chunk = i % 7 === 0 ? line(i).repeat(3) : line(i);
      all += chunk;
      b.push(chunk);
    }
    const text = b.text();
    expect(all.endsWith(text)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(10_000);
    expect(text.length).toBeGreaterThan(10_000 - 4096);
    // Not inside an escape sequence: the replay begins where a line does.
    expect(text.startsWith('\x1b[32mline ')).toBe(true);
  });

  it('cuts anywhere when no line starts near the cut (one long line)', () => {
    const b = new ReplayBuffer(100);
    b.push('x'.repeat(50));
    b.push('y'.repeat(200));
    expect(b.text()).toBe('y'.repeat(100));
  });

  it('holds no more than it must: whole old chunks fall off the front', () => {
    const b = new ReplayBuffer(64 * 1024);
    const chunk = 'z'.repeat(60 * 1024) + '\n';
    for (let i = 0; i < 1000; i++) b.push(chunk);
    const internal = b as unknown as { chunks: string[]; chars: number };
    expect(internal.chunks.length).toBeLessThanOrEqual(3);
    expect(internal.chars).toBeLessThan(64 * 1024 + chunk.length * 2);
    // The cut falls 3 KB before the last line's start: the replay begins there.
    expect(b.text()).toBe(chunk);
  });

  it('ignores empty pushes and is empty at first', () => {
    const b = new ReplayBuffer(10);
    b.push('');
    expect(b.text()).toBe('');
  });
});
