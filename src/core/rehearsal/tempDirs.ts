// The temporary folders a drill makes (the session with its secrets, a throw-away signing key):
// removed on every way out — success, failure, SIGINT, SIGTERM — secrets and keys first, so an
// interrupted removal leaves nothing that unlocks anything.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SECRET = /(^secrets\.json$|\.pem$|\.key$)/;

function secretFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => SECRET.test(f.split('/').pop()!))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export class TempDirs {
  private dirs: string[] = [];

  make(prefix: string): string {
    const d = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.push(d);
    return d;
  }

  cleanup(): void {
    const dirs = this.dirs.splice(0);
    for (const d of dirs) for (const f of secretFiles(d)) rmSync(f, { force: true });
    for (const d of dirs) rmSync(d, { recursive: true, force: true, maxRetries: 3 });
  }

  /** On SIGINT/SIGTERM: `before` (stop the shells), clean up, then die of the signal as if unhandled. */
  onSignals(before: () => void): () => void {
    const handler = (sig: NodeJS.Signals) => {
      off();
      try {
        before();
      } finally {
        this.cleanup();
      }
      process.kill(process.pid, sig);
    };
    const off = () => {
      process.removeListener('SIGINT', handler);
      process.removeListener('SIGTERM', handler);
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
    return off;
  }
}
