import { useAppStore } from '../store';
import { useT } from '../i18n/useT';

export function Outline() {
  const t = useT();
  const outline = useAppStore((s) => s.doc?.outline ?? []);
  const selected = useAppStore((s) => s.selectedHeading);
  const select = useAppStore((s) => s.selectHeading);
  return (
    <nav className="outline" aria-label={t('outline.title')}>
      <h2 className="pane-title">{t('outline.title')}</h2>
      {outline.length === 0 ? (
        <p className="muted">{t('outline.empty')}</p>
      ) : (
        <ol>
          {outline.map((item) => (
            <li key={item.id} className={`lvl-${item.level}`}>
              <button
                type="button"
                className={item.id === selected ? 'outline-item selected' : 'outline-item'}
                aria-current={item.id === selected ? 'location' : undefined}
                data-outline-id={item.id}
                onClick={() => select(item.id)}
              >
                {item.text}
              </button>
            </li>
          ))}
        </ol>
      )}
    </nav>
  );
}
