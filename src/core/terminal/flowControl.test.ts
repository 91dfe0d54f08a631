import { describe, expect, it } from 'vitest';
import { ACK_WHEN_CAUGHT_UP } from '../../shared/terminalFrames';
import { FlowControl, INITIAL_WINDOW, MAX_WINDOW, MIN_WINDOW, QUEUE_TARGET_MS, RESUME_BELOW } from './flowControl';

/** Send frames of `frame` bytes until the window says pause (a paused window is never filled further). */
function fill(f: FlowControl, frame: number): void {
  expect(f.paused).toBe(false);
  while (!f.sent(frame));
}

/** The page acknowledges `step` bytes at a time, each after `msEach` of parsing, `times` times, kept fed. */
function parse(f: FlowControl, step: number, msEach: number, times: number): void {
  for (let i = 0; i < times; i++) {
    f.acked(step, msEach);
    f.sent(step);
  }
}

describe('FlowControl', () => {
  it('starts with the initial window: pauses past it, resumes below RESUME_BELOW of it', () => {
    const f = new FlowControl();
    fill(f, 100_000);
    expect(f.unacked).toBeGreaterThan(INITIAL_WINDOW);
    expect(f.paused).toBe(true);
    expect(f.acked(f.unacked - INITIAL_WINDOW * RESUME_BELOW)).toBe(false);
    expect(f.acked(1)).toBe(true);
    expect(f.paused).toBe(false);
  });

  it('learns a slow page (a flood of short lines) and keeps about QUEUE_TARGET_MS of its work in flight', () => {
    const f = new FlowControl();
    fill(f, 64 * 1024);
    // 100 KB per 50 ms of parsing: 2 KB per ms.
    parse(f, 100_000, 50, 20);
    expect(f.rate).toBeCloseTo(2000, -1);
    expect(f.window).toBe(2000 * QUEUE_TARGET_MS);
    expect(f.window).toBeLessThan(INITIAL_WINDOW);
  });

  it('grows for a fast page up to MAX_WINDOW, and never shrinks below MIN_WINDOW', () => {
    const fast = new FlowControl();
    fill(fast, 128 * 1024);
    parse(fast, 100_000, 0.5, 400);
    expect(fast.window).toBe(MAX_WINDOW);
    const crawl = new FlowControl();
    fill(crawl, 64 * 1024);
    parse(crawl, 1000, 1000, 20);
    expect(crawl.window).toBe(MIN_WINDOW);
  });

  it('measures only busy time: a page that says nothing about it is not measured', () => {
    const f = new FlowControl();
    f.sent(10_000);
    f.acked(10_000);
    f.acked(0, 0);
    expect(f.rate).toBe(0);
    expect(f.window).toBe(INITIAL_WINDOW);
  });

  it('averages over spans of busy time, so one quick callback does not swing the window', () => {
    const f = new FlowControl();
    parse(f, 100_000, 10, 6);
    const steady = f.window;
    // Three frames parsed in one slice, acknowledged 0.1 ms apart: part of a span, not a sample each.
    parse(f, 100_000, 0.1, 3);
    expect(f.window).toBe(steady);
  });

  it('a paused pty resumes even at the smallest window: what a caught-up page leaves unacknowledged is below it', () => {
    const f = new FlowControl();
    fill(f, 64 * 1024);
    parse(f, 1000, 1000, 40);
    expect(f.window).toBe(MIN_WINDOW);
    if (!f.paused) fill(f, 64 * 1024);
    expect(f.paused).toBe(true);
    // The page parsed everything; it acknowledges all but less than ACK_WHEN_CAUGHT_UP.
    expect(f.acked(f.unacked - (ACK_WHEN_CAUGHT_UP - 1), 5)).toBe(true);
    expect(f.paused).toBe(false);
  });

  it('reset forgives what was in flight and says whether the pty must resume', () => {
    const f = new FlowControl();
    fill(f, 200_000);
    expect(f.reset()).toBe(true);
    expect(f.unacked).toBe(0);
    expect(f.reset()).toBe(false);
  });
});
