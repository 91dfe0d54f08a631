// For tests of a journal append that really fails: the journal's descriptor is pointed at /dev/full, so
// every later write fails with ENOSPC, as on a full disk. Used by the unit test and the e2e alike.
import { closeSync, openSync, readdirSync, readlinkSync } from 'node:fs';

export function fillTheDisk(journal: string): void {
  const fd = readdirSync('/proc/self/fd')
    .map(Number)
    .find((n) => {
      try {
        return readlinkSync(`/proc/self/fd/${n}`) === journal;
      } catch {
        return false;
      }
    });
  if (fd === undefined) throw new Error(`${journal} is not open in this process`);
  closeSync(fd);
  const again = openSync('/dev/full', 'w');
  if (again !== fd) throw new Error(`/dev/full came up as fd ${again}, not ${fd}`);
}
