// The journal: one append-only JSON-lines file per session. Each entry carries its sequence number,
// the wall-clock time, the event, and the SHA-256 of the previous line. An append resolves only after
// the bytes are fsynced; appends that arrive while a sync runs are written and synced together
// (group commit), which keeps that promise for every one of them.
import { hash } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEntry, SessionEvent } from '../../shared/session/events';

export const JOURNAL_FILE = 'journal.jsonl';
export const GENESIS = '0'.repeat(64);

export const sha256 = (s: string | Uint8Array): string => hash('sha256', s, 'hex');

export interface JournalProblem {
  kind: 'torn-tail' | 'broken-chain' | 'bad-entry';
  /** 1-based entry number (= line number) where the problem is. */
  entry: number;
  message: string;
}

export interface VerifiedJournal {
  /** The verified entries (those `keep` chose, when given). */
  entries: JournalEntry[];
  /** How many entries verified. */
  count: number;
  problems: JournalProblem[];
  /** Bytes of the good prefix (everything up to the first problem). */
  goodBytes: number;
  /** A torn last line (power loss mid-write) can be set aside; a break in the middle cannot. */
  readOnly: boolean;
  lastHash: string;
}

export interface VerifyOptions {
  /** Which parsed entries to return (a verifier of a long night need not hold every entry at once). */
  keep?: (e: JournalEntry) => boolean;
  /**
   * Which lines to parse. A line not parsed is checked by its shape as the writer makes it (its number
   * first, its link last) and hashed like any other: a verifier that reads only some kinds of entry
   * skips parsing the rest. Default: every line.
   */
  parse?: (line: string, n: number) => boolean;
}

type LineCheck = { entry: JournalEntry | null } | { problem: JournalProblem; readOnly: boolean };

const brokenChain = (n: number, what: string): LineCheck => ({
  problem: { kind: 'broken-chain', entry: n, message: `Entry ${n}: ${what}` },
  readOnly: true,
});

/** One complete line: an entry whose number and link are right (null when it was not parsed), or the problem. */
function checkLine(line: string, n: number, prevHash: string, isLast: boolean, parsed: boolean): LineCheck {
  if (!parsed) {
    if (!line.startsWith(`{"seq":${n},`) || !line.endsWith(`,"prev":"${prevHash}"}`))
      return brokenChain(
        n,
        'its number or its link to the previous entry does not match (an entry before it was changed, removed or inserted).',
      );
    return { entry: null };
  }
  let entry: JournalEntry | null;
  try {
    entry = JSON.parse(line) as JournalEntry;
  } catch {
    entry = null;
  }
  if (
    !entry ||
    typeof entry !== 'object' ||
    typeof entry.seq !== 'number' ||
    typeof entry.prev !== 'string' ||
    !entry.event
  ) {
    if (isLast)
      return {
        problem: {
          kind: 'torn-tail',
          entry: n,
          message: `Entry ${n}, the last, is not valid JSON (a cut-off write). It is set aside; everything before it is kept.`,
        },
        readOnly: false,
      };
    return {
      problem: {
        kind: 'bad-entry',
        entry: n,
        message: `Entry ${n} is not a valid journal entry. The journal was altered; the session opens read-only.`,
      },
      readOnly: true,
    };
  }
  if (entry.seq !== n || entry.prev !== prevHash) {
    const what =
      entry.seq !== n
        ? `its sequence number is ${entry.seq}, expected ${n}`
        : 'its link to the previous entry does not match (an entry before it was changed, removed or inserted)';
    return brokenChain(n, `${what}. The session opens read-only.`);
  }
  return { entry };
}

/** Check every entry's sequence number and hash link. Stops at the first break; keeps everything before it. */
export function verifyJournalText(text: string, opts: VerifyOptions = {}): VerifiedJournal {
  const { keep = () => true, parse = () => true } = opts;
  const entries: JournalEntry[] = [];
  const problems: JournalProblem[] = [];
  // Lines are hashed as bytes, found by byte offset alongside the text's own (a newline is one byte and
  // one character in UTF-8): no line is encoded twice, and each hash is one call (verify of a long night).
  const bytes = Buffer.from(text, 'utf8');
  let prevHash = GENESIS;
  let offset = 0;
  let byteOffset = 0;
  let n = 0;
  const stop = (p: JournalProblem, readOnly: boolean): VerifiedJournal => {
    problems.push(p);
    return { entries, count: n - 1, problems, goodBytes: byteOffset, readOnly, lastHash: prevHash };
  };
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    n++;
    if (nl < 0)
      return stop(
        {
          kind: 'torn-tail',
          entry: n,
          message: `Entry ${n} is incomplete (the write was cut off, e.g. by a power loss). It was never acknowledged; it is set aside and everything before it is kept.`,
        },
        false,
      );
    const byteNl = bytes.indexOf(10, byteOffset);
    const line = text.slice(offset, nl);
    const checked = checkLine(line, n, prevHash, nl === text.length - 1, parse(line, n));
    if ('problem' in checked) return stop(checked.problem, checked.readOnly);
    if (checked.entry && keep(checked.entry)) entries.push(checked.entry);
    prevHash = hash('sha256', bytes.subarray(byteOffset, byteNl), 'hex');
    offset = nl + 1;
    byteOffset = byteNl + 1;
  }
  return { entries, count: n, problems, goodBytes: bytes.length, readOnly: false, lastHash: prevHash };
}

/** fsync a folder, so a file just created in it survives a power loss. */
export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot open folders for sync (Windows); the file's own fsync still holds.
  }
}

interface Pending {
  line: string;
  entry: JournalEntry;
  resolve: (e: JournalEntry) => void;
  reject: (e: unknown) => void;
}

export class JournalWriter {
  private queue: Pending[] = [];
  private flushing = false;
  private failed: Error | null = null;
  private seq: number;
  private lastHash: string;

  private constructor(
    private readonly handle: FileHandle,
    lastSeq: number,
    lastHash: string,
    private readonly clock: () => number,
  ) {
    this.seq = lastSeq;
    this.lastHash = lastHash;
  }

  /** Open for appending after a verified prefix; a torn tail is moved aside first. */
  static async open(dir: string, verified: VerifiedJournal, clock: () => number = Date.now): Promise<JournalWriter> {
    const file = join(dir, JOURNAL_FILE);
    if (verified.readOnly)
      throw new Error(
        `${file}: the journal is broken at entry ${verified.problems[0]?.entry}; the session is read-only.`,
      );
    const torn = verified.problems.find((p) => p.kind === 'torn-tail');
    if (torn) {
      const bytes = await readFile(file);
      await writeFile(join(dir, `journal.torn-${Date.now()}.bin`), bytes.subarray(verified.goodBytes), { mode: 0o600 });
      const h = await open(file, 'r+');
      await h.truncate(verified.goodBytes);
      await h.sync();
      await h.close();
    }
    const handle = await open(file, 'a');
    const last = verified.entries[verified.entries.length - 1];
    return new JournalWriter(handle, last?.seq ?? 0, verified.lastHash, clock);
  }

  /** Create a new journal whose first entry is `first`. */
  static async create(
    dir: string,
    first: SessionEvent,
    clock: () => number = Date.now,
  ): Promise<{ writer: JournalWriter; entry: JournalEntry }> {
    const file = join(dir, JOURNAL_FILE);
    const handle = await open(file, 'wx', 0o600);
    fsyncDir(dir);
    const writer = new JournalWriter(handle, 0, GENESIS, clock);
    const entry = await writer.append(first);
    return { writer, entry };
  }

  /** Stamp, chain and enqueue; resolves once the entry is on disk (fsynced). Entries are chained in call order.
   *  `at` is the instant the caller validated the event at, so the state it computed and a replay agree. */
  append(event: SessionEvent, at: number = this.clock()): Promise<JournalEntry> {
    if (this.failed) return Promise.reject(this.failed);
    const entry: JournalEntry = { seq: ++this.seq, time: new Date(at).toISOString(), event, prev: this.lastHash };
    const line = JSON.stringify(entry);
    this.lastHash = sha256(line);
    return new Promise((resolve, reject) => {
      this.queue.push({ line, entry, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** The hash the next entry will chain to: what a signature on that entry says it follows. */
  get head(): string {
    return this.lastHash;
  }

  /** The time the next entry will carry (for validating an event before it is appended). */
  now(): number {
    return this.clock();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.handle.write(batch.map((p) => p.line + '\n').join(''));
        await this.handle.datasync();
        for (const p of batch) p.resolve(p.entry);
      } catch (err) {
        // After a failed write nothing later may be acknowledged: the chain on disk is uncertain.
        const why = (err as Error).message;
        const text =
          `The journal could not be written (${why}). Nothing after this was recorded; ` + 'stop and check the disk.';
        this.failed = new Error(text, { cause: err });
        for (const p of [...batch, ...this.queue]) p.reject(this.failed);
        this.queue = [];
      }
    }
    this.flushing = false;
  }

  async close(): Promise<void> {
    while (this.flushing || this.queue.length) await new Promise((r) => setTimeout(r, 1));
    await this.handle.close();
  }
}

export async function readJournal(dir: string): Promise<VerifiedJournal> {
  const text = await readFile(join(dir, JOURNAL_FILE), 'utf8');
  return verifyJournalText(text);
}

/** Write a file whole and durably (write, fsync, rename). */
export async function writeDurable(file: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const tmp = `${file}.tmp`;
  const h = await open(tmp, 'w', mode);
  await h.writeFile(data);
  await h.sync();
  await h.close();
  await rename(tmp, file);
}
