// VS Code's DisposableStore, reduced to what a terminal needs: everything a terminal subscribes to, schedules
// or creates is registered with it, and one dispose() releases all of it, once, even if one release fails.
export interface Disposable {
  dispose(): void;
}

export const toDisposable = (fn: () => void): Disposable => ({ dispose: fn });

export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private done = false;

  get isDisposed(): boolean {
    return this.done;
  }

  /** Register; something added after dispose is released at once (its owner is already gone). */
  add<T extends Disposable>(d: T): T {
    if (this.done) d.dispose();
    else this.items.push(d);
    return d;
  }

  /** Release in reverse order of registration; every item is released even when one throws. */
  dispose(): void {
    if (this.done) return;
    this.done = true;
    const errors: unknown[] = [];
    for (const d of this.items.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'Several parts of a terminal could not be released.');
  }
}
