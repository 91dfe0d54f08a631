// The terminal transcript, written to the session folder as it streams (never held in memory):
// <name>.cast — every output chunk with its time (asciinema v2: a header line, then [seconds, "o", data]);
// <name>.txt  — the plain text a person would have read, rendered line by line by a headless xterm.
// A transcript is evidence: what a command printed passes the session's redactor BEFORE it is written
// (line by line, so a secret cut across two reads is still found), and both files are owner-only.
// The .cast's times are when a line was complete, not when its first byte came.
// @xterm/headless is CommonJS: take the class from its default export so Node's ESM loader accepts it.
import headless from '@xterm/headless';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { RedactingStream, Redactor, type RedactorSource } from '../evidence/redact';

const { Terminal: Headless } = headless;
type Headless = InstanceType<typeof Headless>;

export interface TranscriptPointer {
  file: string;
  /** Line numbers in the .cast file (1-based, header is line 1) that hold the command's output. */
  fromLine: number;
  toLine: number;
}

export interface TranscriptOptions {
  clock?: () => number;
  /** The session's redactor (secret variables, the runbook's `redact:` patterns); built-in rules otherwise. */
  redactor?: RedactorSource | undefined;
}

/** Owner-only: a transcript holds what the operator's commands printed. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export class Transcript {
  private readonly cast: WriteStream;
  private readonly text: WriteStream;
  private readonly term: Headless;
  private readonly started: number;
  private readonly clock: () => number;
  private readonly redacting: RedactingStream;
  private castLines = 1;
  readonly castFile: string;

  constructor(dir: string, name: string, cols: number, rows: number, shell: string, opts: TranscriptOptions = {}) {
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    this.clock = opts.clock ?? Date.now;
    this.started = this.clock();
    this.castFile = join(dir, `${name}.cast`);
    this.cast = createWriteStream(this.castFile, { flags: 'a', mode: FILE_MODE });
    this.text = createWriteStream(join(dir, `${name}.txt`), { flags: 'a', mode: FILE_MODE });
    const header = {
      version: 2,
      width: cols,
      height: rows,
      timestamp: Math.floor(this.started / 1000),
      env: { SHELL: shell, TERM: 'xterm-256color' },
    };
    this.cast.write(JSON.stringify(header) + '\n');
    this.term = new Headless({ cols, rows, scrollback: 200, allowProposedApi: true });
    // Each completed line goes to the text file when the cursor leaves it.
    this.term.onLineFeed(() => {
      const b = this.term.buffer.active;
      const line = b.getLine(b.baseY + b.cursorY - 1);
      if (line && !line.isWrapped) this.text.write(this.lineWithWraps(b.baseY + b.cursorY - 1) + '\n');
    });
    this.redacting = new RedactingStream(opts.redactor ?? new Redactor(), (clean) => this.record(clean));
  }

  private lineWithWraps(y: number): string {
    const b = this.term.buffer.active;
    let s = b.getLine(y)?.translateToString(true) ?? '';
    for (let k = y + 1; b.getLine(k)?.isWrapped; k++) s += b.getLine(k)!.translateToString(true);
    return s;
  }

  private seconds(): number {
    return Number(((this.clock() - this.started) / 1000).toFixed(3));
  }

  /** Redacted output, to both files: the .txt is rendered from what the .cast holds. */
  private record(clean: string): void {
    this.cast.write(JSON.stringify([this.seconds(), 'o', clean]) + '\n');
    this.castLines++;
    this.term.write(clean);
  }

  /** Record a chunk of output; returns the line of the .cast file that holds (or will hold) it. */
  write(data: string): number {
    this.redacting.write(data);
    return this.castLines + (this.redacting.holding ? 1 : 0);
  }

  get lineCount(): number {
    return this.castLines;
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    this.cast.write(JSON.stringify([this.seconds(), 'r', `${cols}x${rows}`]) + '\n');
    this.castLines++;
  }

  close(): Promise<void> {
    this.redacting.end();
    const b = this.term.buffer.active;
    // Let the headless terminal finish parsing what it was just given before its last line is read.
    return new Promise<void>((r) => this.term.write('', r)).then(() => {
      const last = b.getLine(b.baseY + b.cursorY)?.translateToString(true) ?? '';
      if (last.trim()) this.text.write(last + '\n');
      this.term.dispose();
      const ended = (s: WriteStream) => new Promise<void>((r) => s.end(r));
      return Promise.all([ended(this.cast), ended(this.text)]).then(() => {});
    });
  }
}
