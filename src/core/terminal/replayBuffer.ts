// The latest output of a shell, for a window that reattaches (or a mirror that joins): at least `max`
// characters when there are that many, kept as the chunks the pty gave, never copied on the way in. The old
// way joined and sliced the whole buffer every `max` characters, which cost the host about 2 ms per MB of a
// flood (bench:terminal, BENCH_HOST_PROFILE); here whole chunks fall off the front and the text is built only
// when someone asks for it.

/** Small chunks (an echoed keystroke, a prompt) are merged up to this size, so the list stays short. */
const MERGE_BELOW = 16 * 1024;
/** A replay starts at a line's start when one begins this close to its cut (not inside an escape sequence). */
const LINE_START_WITHIN = 4096;

export class ReplayBuffer {
  private chunks: string[] = [];
  private chars = 0;

  constructor(private readonly max: number) {}

  push(data: string): void {
    if (!data) return;
    const last = this.chunks.length - 1;
    if (last >= 0 && this.chunks[last]!.length + data.length <= MERGE_BELOW) this.chunks[last] += data;
    else this.chunks.push(data);
    this.chars += data.length;
    let drop = 0;
    while (drop < this.chunks.length - 1 && this.chars - this.chunks[drop]!.length >= this.max)
      this.chars -= this.chunks[drop++]!.length;
    if (drop) this.chunks.splice(0, drop);
  }

  /** The last `max` characters, from the first line start near the cut; the whole of it when shorter. */
  text(): string {
    const all = this.chunks.join('');
    this.chunks = all ? [all] : [];
    if (all.length <= this.max) return all;
    const text = all.slice(-this.max);
    const nl = text.indexOf('\n');
    return nl >= 0 && nl < LINE_START_WITHIN ? text.slice(nl + 1) : text;
  }
}
