// What the app sets on the page itself: the language, theme and font size, and a guard on leaving.
import { useEffect } from 'react';
import { useLanguage } from '../i18n/useT';
import { useAppStore } from '../store';
import { isUnderWay } from '../../../shared/session/lifecycle';

export function usePageLook(): void {
  const lang = useLanguage();
  const theme = useAppStore((s) => s.settings.theme);
  const fontSize = useAppStore((s) => s.settings.fontSize);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.setProperty('--font-size', `${fontSize}px`);
  }, [lang, theme, fontSize]);
}

/** Closing the tab ends the terminals: while a release is under way, the browser asks first. */
export function useLeaveGuard(): void {
  const live = useAppStore((s) => (s.session ? isUnderWay(s.session.state.lifecycle) : false));
  useEffect(() => {
    if (!live) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [live]);
}
