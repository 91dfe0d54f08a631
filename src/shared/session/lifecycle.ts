// What a session's lifecycle means to everyone who asks: one definition of finished, unfinished and under way.
// "prepared" (created, preflight not begun) is unfinished — a session left there is resumed where it was — but
// not under way: nothing of the release has started, so closing the window or quitting does not ask first.
import type { Lifecycle } from './state';

/** Nothing more happens to the release: completed (signed off after that). */
const FINISHED: ReadonlySet<Lifecycle> = new Set<Lifecycle>(['completed', 'signed-off']);

export const isFinished = (l: Lifecycle): boolean => FINISHED.has(l);

/** Created and not finished: the session to resume at start. */
export const isUnfinished = (l: Lifecycle): boolean => !FINISHED.has(l);

/** The release has begun (preflight onward) and is not finished: closing or quitting asks first. */
export const isUnderWay = (l: Lifecycle): boolean => l !== 'prepared' && !FINISHED.has(l);

/** Steps are being walked: they may be started, finished, skipped. */
export const isWalking = (l: Lifecycle): boolean => l === 'running' || l === 'monitoring' || l === 'rollback';
