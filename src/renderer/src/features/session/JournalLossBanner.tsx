import { useT } from '../../i18n/useT';
import { lossText } from './journalLoss';
import { useAppStore } from '../../store';

const NONE: never[] = [];

/** Stays while the session is open: the journal cannot be written, so the night's record has a hole in it. */
export function JournalLossBanner() {
  const lost = useAppStore((s) => s.session?.lost ?? NONE);
  const t = useT();
  if (!lost.length) return null;
  const [title, what, since, todo, reason] = lossText(lost, t, t('app.locale'));
  return (
    <div className="banners" role="alert" aria-live="assertive">
      <div className="banner banner-error banner-loss" data-testid="journal-loss">
        <div className="banner-text">
          <strong>{title}</strong>
          <div>{what}</div>
          <div>{since}</div>
          <div>{todo}</div>
          <div className="banner-detail">{reason}</div>
        </div>
      </div>
    </div>
  );
}
