// Operator settings: one schema, used by electron-store in the desktop app and the JSON file in the web host.
import { z } from 'zod';

export const LANGUAGES = ['auto', 'ja', 'en'] as const;
export const THEMES = ['night', 'light', 'contrast'] as const;

export const RecentRunbook = z.object({
  path: z.string().min(1).max(4096),
  title: z.string().max(500),
  openedAt: z.string().max(40),
});

export const Settings = z.object({
  operatorName: z.string().max(200).default(''),
  /** 'auto' follows the runbook's language, then the system's. */
  language: z.enum(LANGUAGES).default('auto'),
  theme: z.enum(THEMES).default('night'),
  /** Never below 12 px: the operator reads this at 2 a.m. */
  fontSize: z.number().int().min(12).max(32).default(14),
  recentRunbooks: z.array(RecentRunbook).max(20).default([]),
});
export type Settings = z.output<typeof Settings>;

export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/** Most recent first, one entry per path, at most 10. */
export function rememberRunbook(list: Settings['recentRunbooks'], path: string, title: string, now: Date): Settings['recentRunbooks'] {
  const rest = list.filter((r) => r.path !== path);
  return [{ path, title: title.slice(0, 500), openedAt: now.toISOString() }, ...rest].slice(0, 10);
}
