// How much output a terminal may have in flight to the page: a window measured in the page's parse time,
// not in bytes. 500 KB of prose parses in 20 ms; 500 KB of `yes` (three bytes a line, each a scroll)
// takes several times that, and a keystroke's echo and Ctrl+C wait behind all of it. The page says, with
// each acknowledgement, how long it had output waiting to be parsed; from that the host knows how fast it
// parses and keeps about QUEUE_TARGET_MS of its work in flight: enough to cover the round trip
// (acknowledgement → host → pty → page) at full speed, little enough that an echo during a flood is not
// held up behind seconds of output. (Timed by the host alone, the window shrinks on itself: what is in
// flight but still on the wire looks like a slow page, so the window closes and the page starves.)
import { ACK_STEP } from '../../shared/terminalFrames';

/** The parse time the page may have waiting: what bounds an echo during a flood. */
export const QUEUE_TARGET_MS = 60;
/**
 * The pty resumes once less than this share of the window is left: early, so fresh output is on its way
 * while the page still has most of the window to parse (the round trip is several ms on a loaded machine).
 * Measured with bench:terminal (single runs, ±20% here): 40 ms and 1/2 gave 0.59–0.65 × xterm alone with
 * flood echo p99 65–71 ms; 100 ms and 1/2, 0.89 and 121 ms (over the 100 ms bound); 60 ms and 3/4, 0.67
 * and 76–92 ms in two full runs (100 MB, `yes` for 60 s).
 */
export const RESUME_BELOW = 0.75;
/** Before the page's speed is known (a terminal starts with a prompt, not a flood). */
export const INITIAL_WINDOW = 5 * ACK_STEP;
/** Never less than this in flight: a few frames, so a slow page still gets whole frames. */
export const MIN_WINDOW = 64 * 1024;
export const MAX_WINDOW = 4 * 1024 * 1024;
/** How much a new measurement moves the estimate (exponential moving average). */
const WEIGHT = 0.3;
/** The least busy time a measurement is taken over: single acknowledgements are a few ms, and noisy. */
const SPAN_MS = 30;

/** One terminal's window. `sent` and `acked` say when to pause and resume the pty. */
export class FlowControl {
  /** Bytes sent to the page and not yet acknowledged as parsed. */
  unacked = 0;
  paused = false;
  /** The page's parse speed in bytes per ms, 0 until measured. */
  rate = 0;
  /** The span being measured: what the page parsed, and for how long it had work. */
  private spanChars = 0;
  private spanMs = 0;

  /** The current window in bytes. */
  get window(): number {
    if (!this.rate) return INITIAL_WINDOW;
    return Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, this.rate * QUEUE_TARGET_MS));
  }

  /** A frame went to the page; true when the pty should pause now. */
  sent(bytes: number): boolean {
    this.unacked += bytes;
    if (this.paused || this.unacked <= this.window) return false;
    this.paused = true;
    return true;
  }

  /**
   * The page parsed `chars` more bytes, having had output waiting for `busyMs` since it last said so (a page
   * that does not say is not measured); true when the pty should resume now.
   */
  acked(chars: number, busyMs?: number): boolean {
    if (busyMs !== undefined && busyMs > 0) this.measure(chars, busyMs);
    this.unacked = Math.max(0, this.unacked - chars);
    if (!this.paused || this.unacked >= this.window * RESUME_BELOW) return false;
    this.paused = false;
    return true;
  }

  private measure(chars: number, busyMs: number): void {
    this.spanChars += chars;
    this.spanMs += busyMs;
    if (this.spanMs < SPAN_MS) return;
    const sample = this.spanChars / this.spanMs;
    this.rate = this.rate ? this.rate * (1 - WEIGHT) + sample * WEIGHT : sample;
    this.spanChars = 0;
    this.spanMs = 0;
  }

  /**
   * Nobody will acknowledge what was sent (the window went away, or another took the terminal over): start
   * afresh. True when the pty was paused and must resume. The speed learnt is kept: it is the same kind of page.
   */
  reset(): boolean {
    const wasPaused = this.paused;
    this.unacked = 0;
    this.paused = false;
    return wasPaused;
  }
}
