// Settings in the desktop app: electron-store, with the JSON Schema derived from the shared zod schema.
import Store from 'electron-store';
import { z } from 'zod';
import type { SettingsStore } from '../core/settings/settingsStore';
import { TejunError } from '../shared/errors';
import { describeIssue } from '../shared/rpc';
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../shared/settings';

export function createElectronSettings(): SettingsStore {
  const jsonSchema = z.toJSONSchema(Settings, { io: 'input' }) as { properties: Record<string, object> };
  const store = new Store<Settings>({
    name: 'settings',
    defaults: DEFAULT_SETTINGS,
    schema: jsonSchema.properties as never,
    clearInvalidConfig: false,
  });
  const read = (): Settings => {
    const parsed = Settings.safeParse(store.store);
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  };
  return {
    get: read,
    update(patch: SettingsPatch): Settings {
      const merged = Settings.safeParse({ ...read(), ...patch });
      if (!merged.success) {
        const { field, message } = describeIssue(merged.error);
        throw new TejunError('SETTINGS_INVALID', `Setting "${field}" was not saved: ${message}.`, { field });
      }
      store.store = merged.data;
      return merged.data;
    },
  };
}
