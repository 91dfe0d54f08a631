// The terminal transcript, written to the session folder as it streams (never held in memory):
// <name>.cast — every output chunk with its time (asciinema v2: a header line, then [seconds, "o", data]);
// <name>.txt  — the plain text a person would have read, rendered line by line by a headless xterm.
// @xterm/headless is CommonJS: take the class from its default export so Node's ESM loader accepts it.
import headless from '@xterm/headless';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

const { Terminal: Headless } = headless;
type Headless = InstanceType<typeof Headless>;

export interface TranscriptPointer {
  file: string;
  /** Line numbers in the .cast file (1-based, header is line 1) that hold the command's output. */
  fromLine: number;
  toLine: number;
}

export class Transcript {
  private readonly cast: WriteStream;
  private readonly text: WriteStream;
  private readonly term: Headless;
  private readonly started: number;
  private castLines = 1;
  readonly castFile: string;

  constructor(dir: string, name: string, cols: number, rows: number, shell: string, clock: () => number = Date.now) {
    mkdirSync(dir, { recursive: true });
    this.started = clock();
    this.castFile = join(dir, `${name}.cast`);
    this.cast = createWriteStream(this.castFile, { flags: 'a' });
    this.text = createWriteStream(join(dir, `${name}.txt`), { flags: 'a' });
    this.cast.write(JSON.stringify({ version: 2, width: cols, height: rows, timestamp: Math.floor(this.started / 1000), env: { SHELL: shell, TERM: 'xterm-256color' } }) + '\n');
    this.term = new Headless({ cols, rows, scrollback: 200, allowProposedApi: true });
    // Each completed line goes to the text file when the cursor leaves it.
    this.term.onLineFeed(() => {
      const b = this.term.buffer.active;
      const line = b.getLine(b.baseY + b.cursorY - 1);
      if (line && !line.isWrapped) this.text.write(this.lineWithWraps(b.baseY + b.cursorY - 1) + '\n');
    });
    this.clock = clock;
  }

  private readonly clock: () => number;

  private lineWithWraps(y: number): string {
    const b = this.term.buffer.active;
    let s = b.getLine(y)?.translateToString(true) ?? '';
    for (let k = y + 1; b.getLine(k)?.isWrapped; k++) s += b.getLine(k)!.translateToString(true);
    return s;
  }

  /** Record a chunk of output; returns its line number in the .cast file. */
  write(data: string): number {
    this.cast.write(JSON.stringify([Number(((this.clock() - this.started) / 1000).toFixed(3)), 'o', data]) + '\n');
    this.term.write(data);
    return ++this.castLines;
  }

  get lineCount(): number {
    return this.castLines;
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    this.cast.write(JSON.stringify([Number(((this.clock() - this.started) / 1000).toFixed(3)), 'r', `${cols}x${rows}`]) + '\n');
    this.castLines++;
  }

  close(): Promise<void> {
    const b = this.term.buffer.active;
    const last = b.getLine(b.baseY + b.cursorY)?.translateToString(true) ?? '';
    if (last.trim()) this.text.write(last + '\n');
    this.term.dispose();
    return Promise.all([new Promise<void>((r) => this.cast.end(r)), new Promise<void>((r) => this.text.end(r))]).then(() => {});
  }
}
