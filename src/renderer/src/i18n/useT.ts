// The UI language: the operator's choice, else the runbook's language, else the browser's.
// Words come from the shared catalog (`shared/i18n`) through react-i18next, fixed to that language.
import { useCallback } from 'react';
import { useAppStore } from '../store';
import { initReactI18next, useTranslation } from 'react-i18next';
import { createI18n, NAMESPACES, type MessageKey, type UiLanguage, type Values } from '../../../shared/i18n';

const i18n = createI18n('en', initReactI18next);

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

export function useT(): (key: MessageKey, vars?: Values) => string {
  const lang = useLanguage();
  const { t } = useTranslation(NAMESPACES, { i18n, lng: lang, useSuspense: false });
  return useCallback((key, vars) => t(key, vars ?? {}), [t]);
}
