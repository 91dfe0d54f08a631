// Commands as the shell reports them through its marks: the command line, when it ran, what it
// printed (bounded; the transcript keeps all of it) and how it exited.
import { OscMarkParser, type MarkEvent } from './oscParser';

export interface FinishedCommand {
  commandLine: string;
  startedAt: number;
  endedAt: number;
  exitCode: number | null;
  /** Plain text (escape sequences removed), at most CAPTURE_LIMIT characters: the tail is kept. */
  output: string;
  outputChars: number;
  truncated: boolean;
  /** Set when tejun ran it with its own markers (no shell integration). */
  runId: string | null;
}

export const CAPTURE_LIMIT = 16 * 1024;

/** Escape sequences out, line endings normalised: what a person would read. */
export function plainText(s: string): string {
  return s
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g, '')
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b[@-Z\\-_]/g, '')
    .replace(/\r+\n/g, '\n')
    .replace(/[^\n]*\r(?!\n)/g, '')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

export class CommandTracker {
  private readonly parser: OscMarkParser;
  private current: {
    commandLine: string;
    startedAt: number;
    capture: string;
    chars: number;
    capturing: boolean;
    runId: string | null;
  } | null = null;
  private offset = 0;
  /** What the screen showed since the prompt ended and no command was known: the typed line, then its output. */
  private sincePrompt = '';
  /** True once the shell has sent a mark of its own: its integration works. */
  integrationSeen = false;

  constructor(
    nonce: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.parser = new OscMarkParser(nonce);
  }

  get spoofed(): readonly string[] {
    return this.parser.spoofed;
  }

  /** Feed pty output; returns the commands that finished in it and the marks seen. */
  feed(chunk: string): { finished: FinishedCommand[]; marks: MarkEvent[] } {
    const marks = this.parser.feed(chunk);
    const finished: FinishedCommand[] = [];
    const chunkStart = this.offset;
    this.offset += chunk.length;
    let pos = 0;
    for (const m of marks) {
      const rel = Math.max(0, Math.min(chunk.length, m.offset - chunkStart));
      this.capture(chunk.slice(pos, rel));
      pos = rel;
      if (m.mark.kind !== 'run-start' && m.mark.kind !== 'run-end') this.integrationSeen = true;
      const done = this.onMark(m);
      if (done) finished.push(done);
    }
    this.capture(chunk.slice(pos));
    return { finished, marks };
  }

  private capture(text: string): void {
    const c = this.current;
    if (!text) return;
    if (!c || !c.capturing) {
      this.sincePrompt = keepTail(this.sincePrompt, text);
      return;
    }
    c.chars += text.length;
    c.capture = keepTail(c.capture, text);
  }

  private onMark(e: MarkEvent): FinishedCommand | null {
    const now = this.clock();
    const m = e.mark;
    switch (m.kind) {
      case 'command-line':
        if (!this.current || this.current.runId === null)
          this.current = {
            commandLine: m.commandLine,
            startedAt: now,
            capture: '',
            chars: 0,
            capturing: false,
            runId: this.current?.runId ?? null,
          };
        else this.current.commandLine = m.commandLine;
        return null;
      case 'prompt-end':
        this.sincePrompt = '';
        return null;
      case 'output-start':
        this.current ??= { commandLine: '', startedAt: now, capture: '', chars: 0, capturing: false, runId: null };
        this.current.capturing = true;
        if (m.late) {
          // The output is already on screen, after the echo of the typed line(s).
          const lines = this.current.commandLine.split('\n').length;
          this.current.capture = this.sincePrompt.split('\n').slice(lines).join('\n');
          this.current.chars = this.current.capture.length;
        }
        this.sincePrompt = '';
        return null;
      case 'run-start':
        this.current = { commandLine: '', startedAt: now, capture: '', chars: 0, capturing: true, runId: m.runId };
        return null;
      case 'command-end':
      case 'run-end': {
        const c = this.current;
        if (!c) return null;
        if (m.kind === 'command-end' && c.runId !== null) return null;
        if (m.kind === 'run-end' && c.runId !== m.runId) return null;
        this.current = null;
        let output = plainText(c.capture);
        const truncated = c.chars > output.length + 0 && c.capture.length < c.chars;
        if (output.length > CAPTURE_LIMIT) output = output.slice(-CAPTURE_LIMIT);
        return {
          commandLine: c.commandLine,
          startedAt: c.startedAt,
          endedAt: now,
          exitCode: m.exitCode,
          output: output.replace(/\n+$/, ''),
          outputChars: c.chars,
          truncated,
          runId: c.runId,
        };
      }
      default:
        return null;
    }
  }
}

/**
 * `kept + text`, cut to its last 2 × CAPTURE_LIMIT characters once past 4 ×, with slack so that escape
 * sequences are cut whole more often than not. A chunk that alone fills the tail replaces it without first
 * being joined to it (a flood's 100 KB reads would otherwise be copied twice each).
 */
function keepTail(kept: string, text: string): string {
  if (text.length >= CAPTURE_LIMIT * 2) return text.slice(-CAPTURE_LIMIT * 2);
  const all = kept + text;
  return all.length > CAPTURE_LIMIT * 4 ? all.slice(-CAPTURE_LIMIT * 2) : all;
}
