// Shell-integration marks in the pty stream: OSC 633 (as VS Code writes them, with our per-terminal
// nonce) and FinalTerm OSC 133. The parser sees every chunk, keeps a sequence split across chunks,
// and never alters the stream (xterm.js ignores these OSCs).
//
//   ESC ] 633 ; A ; <nonce> BEL          prompt start
//   ESC ] 633 ; B ; <nonce> BEL          prompt end (command line input starts)
//   ESC ] 633 ; E ; <cmdline> ; <nonce>  the command line about to run (escaped: \\ and \x3b for ;)
//   ESC ] 633 ; C ; <nonce> BEL          output starts
//   ESC ] 633 ; D ; <exit> ; <nonce> BEL command finished with that exit code
//   ESC ] 633 ; X ; start|end ; <run id> [; <exit>] ; <nonce>   markers tejun writes around a command it runs
//                                        itself where the shell has no integration (ssh, tmux, other shells)
// A 633 mark without the right nonce is a spoof (a program printing marks) and is reported, not obeyed.

export type Mark =
  | { kind: 'prompt-start' }
  | { kind: 'prompt-end' }
  | { kind: 'command-line'; commandLine: string }
  | { kind: 'output-start'; late?: true }
  | { kind: 'command-end'; exitCode: number | null }
  | { kind: 'run-start'; runId: string }
  | { kind: 'run-end'; runId: string; exitCode: number | null };

export interface MarkEvent {
  mark: Mark;
  /** Where in the stream (characters since the terminal started) the mark ended. */
  offset: number;
  source: '633' | '133';
}

/** Longest OSC we hold while waiting for its end; anything longer is not ours and is dropped. */
const MAX_PENDING = 64 * 1024;

export function unescapeValue(v: string): string {
  return v.replace(/\\x([0-9a-fA-F]{2})|\\\\/g, (m, hex: string | undefined) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : '\\',
  );
}

export class OscMarkParser {
  private pending = '';
  private offset = 0;
  /** Once the shell's own nonce-carrying marks are seen, FinalTerm 133 marks (which cannot carry one) are ignored. */
  private trusted633 = false;
  readonly spoofed: string[] = [];

  constructor(private readonly nonce: string) {}

  /** Feed one chunk; returns the marks completed in it. */
  feed(chunk: string): MarkEvent[] {
    const out: MarkEvent[] = [];
    const text = this.pending + chunk;
    const base = this.offset - this.pending.length;
    this.offset += chunk.length;
    this.pending = '';
    let from = 0;
    for (;;) {
      const start = text.indexOf('\x1b]', from);
      if (start < 0) break;
      const end = findTerminator(text, start + 2);
      if (end === null) {
        // Unfinished: keep it for the next chunk (bounded).
        const rest = text.slice(start);
        if (rest.length <= MAX_PENDING) this.pending = rest;
        break;
      }
      const body = text.slice(start + 2, end.index);
      const mark = this.parse(body);
      if (mark) out.push({ mark: mark.mark, offset: base + end.index + end.length, source: mark.source });
      from = end.index + end.length;
    }
    // A lone ESC at the very end may begin an OSC in the next chunk.
    if (!this.pending && text.endsWith('\x1b')) this.pending = '\x1b';
    return out;
  }

  private parse(body: string): { mark: Mark; source: '633' | '133' } | null {
    if (body.startsWith('633;')) {
      const parts = body.slice(4).split(';');
      const nonce = parts[parts.length - 1];
      if (nonce !== this.nonce) {
        if (this.spoofed.length < 20) this.spoofed.push(body.slice(0, 120));
        return null;
      }
      this.trusted633 = true;
      const [kind, a, b] = parts;
      switch (kind) {
        case 'A':
          return { mark: { kind: 'prompt-start' }, source: '633' };
        case 'B':
          return { mark: { kind: 'prompt-end' }, source: '633' };
        case 'C':
          // 'late': the shell learnt of the command only when it had finished (bash, a line that is a subshell).
          return {
            mark: parts.length === 3 && a === 'late' ? { kind: 'output-start', late: true } : { kind: 'output-start' },
            source: '633',
          };
        case 'E':
          return {
            mark: { kind: 'command-line', commandLine: unescapeValue(parts.slice(1, -1).join(';')) },
            source: '633',
          };
        case 'D':
          return { mark: { kind: 'command-end', exitCode: parts.length > 2 ? toExit(a) : null }, source: '633' };
        case 'X':
          if (a === 'start' && b) return { mark: { kind: 'run-start', runId: b }, source: '633' };
          if (a === 'end' && b)
            return { mark: { kind: 'run-end', runId: b, exitCode: toExit(parts[3]) }, source: '633' };
          return null;
        default:
          return null;
      }
    }
    if (body.startsWith('133;') && !this.trusted633) {
      const [kind, a] = body.slice(4).split(';');
      if (kind === 'A') return { mark: { kind: 'prompt-start' }, source: '133' };
      if (kind === 'B') return { mark: { kind: 'prompt-end' }, source: '133' };
      if (kind === 'C') return { mark: { kind: 'output-start' }, source: '133' };
      if (kind === 'D')
        return { mark: { kind: 'command-end', exitCode: a !== undefined ? toExit(a) : null }, source: '133' };
    }
    return null;
  }
}

function toExit(s: string | undefined): number | null {
  if (s === undefined || !/^-?\d{1,5}$/.test(s)) return null;
  return Number(s);
}

function findTerminator(text: string, from: number): { index: number; length: number } | null {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x07) return { index: i, length: 1 };
    if (c === 0x1b) {
      if (i + 1 >= text.length) return null;
      if (text[i + 1] === '\\') return { index: i, length: 2 };
      // Another ESC before a terminator: the OSC was abandoned.
      return { index: i, length: 0 };
    }
  }
  return null;
}
