// Operator settings: one schema, used by electron-store in the desktop app and the JSON file in the web host.
import { z } from 'zod';

export const LANGUAGES = ['auto', 'ja', 'en'] as const;
export const THEMES = ['night', 'light', 'contrast'] as const;

export const RecentRunbook = z.object({
  path: z.string().min(1).max(4096),
  title: z.string().max(500),
  openedAt: z.string().max(40),
});

/** Each setting's type, without its default: a patch must name only what it changes. */
const fields = {
  operatorName: z.string().max(200),
  /** 'auto' follows the runbook's language, then the system's. */
  language: z.enum(LANGUAGES),
  theme: z.enum(THEMES),
  /** Never below 12 px: the operator reads this at 2 a.m. */
  fontSize: z.number().int().min(12).max(32),
  recentRunbooks: z.array(RecentRunbook).max(20),
  /** Copy the terminal selection to the clipboard as soon as it is made. */
  copyOnSelect: z.boolean(),
  /**
   * 'auto' draws the terminal with WebGL where a GPU does it (the DOM renderer with none, or a software rasterizer);
   * 'dom' always uses the DOM.
   */
  terminalRenderer: z.enum(['auto', 'dom']),
  /** The terminal below the procedure or beside it, and the share of the space it takes (percent). */
  terminalPlacement: z.enum(['below', 'beside']),
  terminalSize: z.number().min(15).max(80),
  /** The navigator's width in pixels. */
  outlineWidth: z.number().int().min(180).max(600),
  /** A timer that fires also sounds a tone and, where allowed, a desktop notification. */
  sound: z.boolean(),
  notifications: z.boolean(),
};

export const Settings = z.object({
  operatorName: fields.operatorName.default(''),
  language: fields.language.default('auto'),
  theme: fields.theme.default('night'),
  fontSize: fields.fontSize.default(14),
  recentRunbooks: fields.recentRunbooks.default([]),
  copyOnSelect: fields.copyOnSelect.default(false),
  terminalRenderer: fields.terminalRenderer.default('auto'),
  terminalPlacement: fields.terminalPlacement.default('below'),
  terminalSize: fields.terminalSize.default(36),
  outlineWidth: fields.outlineWidth.default(280),
  sound: fields.sound.default(true),
  notifications: fields.notifications.default(true),
});
export type Settings = z.output<typeof Settings>;

// Not Settings.partial(): its defaults would fill every field left out and overwrite the saved ones.
export const SettingsPatch = z.object(fields).partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/** Most recent first, one entry per path, at most 10. */
export function rememberRunbook(
  list: Settings['recentRunbooks'],
  path: string,
  title: string,
  now: Date,
): Settings['recentRunbooks'] {
  const rest = list.filter((r) => r.path !== path);
  return [{ path, title: title.slice(0, 500), openedAt: now.toISOString() }, ...rest].slice(0, 10);
}
