// The keyboard's way in: a skip link first in the Tab order, and a hint on first start that names the
// keys (F6 between regions, ? for the sheet) until the operator dismisses it.
import { useState } from 'react';
import { useT } from '../i18n/useT';
import { focusRegion } from './focus/regions';

const HINT_KEY = 'tejun:keys-hint-seen';

export function SkipLink() {
  const t = useT();
  return (
    <a
      href="#current-step"
      className="skip-link"
      onClick={(e) => {
        e.preventDefault();
        focusRegion('step');
      }}
    >
      {t('keys.skip')}
    </a>
  );
}

function seen(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return true;
  }
}

export function KeysHint() {
  const t = useT();
  const [open, setOpen] = useState(() => !seen());
  if (!open) return null;
  const close = (): void => {
    try {
      localStorage.setItem(HINT_KEY, '1');
    } catch {
      // Storage refused (private window): the hint simply shows again next time.
    }
    setOpen(false);
  };
  return (
    <p className="banner banner-info keys-hint" data-testid="keys-hint">
      <span>{t('keys.hint')}</span>{' '}
      <button type="button" className="btn btn-small" onClick={close}>
        {t('keys.hintOk')}
      </button>
    </p>
  );
}
