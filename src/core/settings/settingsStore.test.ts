import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSettingsStore } from './settingsStore';

describe('FileSettingsStore', () => {
  it('starts from defaults and persists updates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-s-'));
    const s = FileSettingsStore.inDataDir(dir);
    expect(s.get().theme).toBe('night');
    s.update({ operatorName: '山田', fontSize: 16 });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      operatorName: '山田',
      fontSize: 16,
    });
    expect(FileSettingsStore.inDataDir(dir).get().operatorName).toBe('山田');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
  it('keeps a damaged file aside instead of overwriting it, and says where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-s-'));
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const s = FileSettingsStore.inDataDir(dir);
    expect(s.get().theme).toBe('night');
    expect(s.warning).toMatch(/could not be read.*kept as .*settings\.json\.damaged-/);
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.json.damaged-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{ not json');
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
  });
  it('refuses an invalid value naming the setting, and keeps the old one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-s-'));
    const s = FileSettingsStore.inDataDir(dir);
    expect(() => s.update({ fontSize: 8 })).toThrowError(/Setting "fontSize" was not saved/);
    expect(s.get().fontSize).toBe(14);
  });
});
