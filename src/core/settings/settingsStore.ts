// Settings persisted as one JSON file (web host and CLI; the desktop app uses electron-store with the same schema).
// A damaged file is kept aside, never overwritten in place, and the operator is told.
import { mkdirSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TejunError } from '../../shared/errors';
import { DEFAULT_SETTINGS, Settings, SettingsPatch } from '../../shared/settings';
import { describeIssue } from '../../shared/rpc';
import { readRegularFileSync, SETTINGS_READ } from '../files';

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

export class FileSettingsStore implements SettingsStore {
  private current: Settings;
  /** Set when the file on disk could not be used; says where the old file was moved. */
  readonly warning: string | null = null;

  constructor(private readonly file: string) {
    let raw: string | null;
    try {
      raw = readRegularFileSync(file, SETTINGS_READ).toString('utf8');
    } catch {
      raw = null;
    }
    if (raw === null) {
      this.current = DEFAULT_SETTINGS;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    const result = Settings.safeParse(parsed);
    if (result.success) {
      this.current = result.data;
    } else {
      const aside = `${file}.damaged-${Date.now()}`;
      renameSync(file, aside);
      this.warning = `${file} could not be read, so default settings are in use. The old file was kept as ${aside}.`;
      this.current = DEFAULT_SETTINGS;
    }
  }

  static inDataDir(dataDir: string): FileSettingsStore {
    return new FileSettingsStore(join(dataDir, 'settings.json'));
  }

  get(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Settings {
    const merged = Settings.safeParse({ ...this.current, ...patch });
    if (!merged.success) {
      const { field, message } = describeIssue(merged.error);
      throw new TejunError('SETTINGS_INVALID', `Setting "${field}" was not saved: ${message}.`, { field });
    }
    this.current = merged.data;
    writeFileAtomic(this.file, JSON.stringify(this.current, null, 2) + '\n');
    return this.current;
  }
}

/** Write to a temporary file, fsync, then rename over: a crash leaves the old file or the new one, never half. */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
