// The UI language: the operator's choice, else the runbook's language, else the browser's.
import { useCallback } from 'react';
import { useAppStore } from '../store';
import { translate, type MessageKey, type UiLanguage } from './messages';

export function resolveLanguage(
  choice: 'auto' | 'ja' | 'en',
  runbookLanguage: 'ja' | 'en' | undefined,
  systemLanguage: string,
): UiLanguage {
  if (choice !== 'auto') return choice;
  if (runbookLanguage) return runbookLanguage;
  return systemLanguage.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function useLanguage(): UiLanguage {
  const choice = useAppStore((s) => s.settings.language);
  const runbookLanguage = useAppStore((s) => s.doc?.language);
  return resolveLanguage(choice, runbookLanguage, navigator.language);
}

export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useLanguage();
  return useCallback((key, vars) => translate(lang, key, vars), [lang]);
}
