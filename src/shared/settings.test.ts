import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Settings, SettingsPatch, rememberRunbook } from './settings';

describe('settings', () => {
  it('defaults to the night theme and a readable size', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ theme: 'night', fontSize: 14, language: 'auto', recentRunbooks: [] });
  });
  it('never allows text below 12 px', () => {
    expect(Settings.safeParse({ fontSize: 11 }).success).toBe(false);
    expect(SettingsPatch.safeParse({ fontSize: 12 }).success).toBe(true);
  });
  it('parses a patch to exactly what it changes (no defaults sneaking in to overwrite saved settings)', () => {
    expect(SettingsPatch.parse({ operatorName: 'Aiko' })).toEqual({ operatorName: 'Aiko' });
  });
  it('refuses unknown keys in a patch', () => {
    expect(SettingsPatch.safeParse({ nodeIntegration: true }).success).toBe(false);
  });
  it('keeps recent runbooks most recent first, unique, at most ten', () => {
    let list = DEFAULT_SETTINGS.recentRunbooks;
    for (let i = 0; i < 12; i++) list = rememberRunbook(list, `/r/${i}.md`, `R${i}`, new Date(2026, 0, 1, 0, i));
    list = rememberRunbook(list, '/r/5.md', 'R5 again', new Date(2026, 0, 2));
    expect(list).toHaveLength(10);
    expect(list[0]).toMatchObject({ path: '/r/5.md', title: 'R5 again' });
    expect(list.filter((r) => r.path === '/r/5.md')).toHaveLength(1);
  });
});
