import { useRef } from 'react';
import { useDialogFocus } from './focus/trap';
import { useT } from '../i18n/useT';
import { SHORTCUTS } from './shortcuts';
import { useAppStore } from '../store';

export function ShortcutSheet() {
  const t = useT();
  const open = useAppStore((s) => s.sheet);
  const toggle = useAppStore((s) => s.toggleSheet);
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref, open);
  if (!open) return null;
  return (
    <div className="modal-backdrop" onClick={toggle}>
      <div
        ref={ref}
        className="modal sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="sheet-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="sheet-title">{t('shortcut.title')}</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <th scope="row">
                  <kbd>{s.keys}</kbd>
                </th>
                <td>{t(s.action)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="btn" onClick={toggle} data-autofocus>
          {t('session.cancel')}
        </button>
      </div>
    </div>
  );
}
