// The terminals of this window (tabs), each a real shell; the header says whether tejun can see
// which command ran (shell integration) or runs step commands with its own markers.
import { useApi } from '../../api/ApiContext';
import { updateSettings } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore, type TerminalTab } from '../../store';
import { TerminalView } from './TerminalView';
import { TerminalTarget } from './TerminalTarget';
import { terminals } from './terminals';
import { toErrorPayload } from '../../../../shared/errors';

function TerminalTabs({ tabs, active }: { tabs: TerminalTab[]; active: number }) {
  const t = useT();
  const api = useApi();
  const setActive = useAppStore((s) => s.setActiveTerminal);
  const add = useAppStore((s) => s.addTerminal);
  const remove = useAppStore((s) => s.removeTerminal);
  return (
    <div role="group" aria-label={t('terminal.title')} className="terminal-tabs">
      {tabs.map((tab) => (
        <span key={tab.key} className={tab.key === active ? 'term-tab active' : 'term-tab'}>
          <button type="button" aria-pressed={tab.key === active} onClick={() => setActive(tab.key)}>
            {t('terminal.tab', { n: tab.name })}
          </button>
          {tabs.length > 1 && (
            <button
              type="button"
              className="term-close"
              aria-label={t('terminal.close')}
              onClick={() => {
                // An explicit close ends the shell; a view that merely goes leaves a session's shell running.
                if (tab.id) void api.invoke('terminal:close', { id: tab.id }).catch(() => {});
                remove(tab.key);
              }}
            >
              ×
            </button>
          )}
        </span>
      ))}
      <button type="button" className="btn btn-small" aria-label={t('terminal.new')} onClick={add}>
        +
      </button>
    </div>
  );
}

function TerminalStatus({ current }: { current: TerminalTab }) {
  const t = useT();
  // After a failed journal append nothing is recorded, whatever the shell integration can see.
  const unrecorded = useAppStore((s) => (s.session?.lost.length ?? 0) > 0);
  return (
    <span
      className={`terminal-status integration-${unrecorded ? 'unrecorded' : current.integration}`}
      data-testid="terminal-status"
    >
      {current.exited !== null
        ? t('terminal.exited', { code: current.exited })
        : current.id === null
          ? t('terminal.starting')
          : unrecorded && current.integration === 'active'
            ? t('integration.unrecorded')
            : t(`integration.${current.integration}`)}
    </span>
  );
}

function PlacementToggle() {
  const t = useT();
  const api = useApi();
  const placement = useAppStore((s) => s.settings.terminalPlacement);
  return (
    <button
      type="button"
      className="btn btn-small pane-bar-end"
      data-testid="terminal-placement"
      onClick={() => void updateSettings(api, { terminalPlacement: placement === 'below' ? 'beside' : 'below' })}
    >
      {placement === 'below' ? t('layout.beside') : t('layout.below')}
    </button>
  );
}

function WatchingBar({ id }: { id: string }) {
  const t = useT();
  const api = useApi();
  return (
    <div className="terminal-watching" role="status" data-testid="terminal-watching">
      <span>{t('terminal.watching')}</span>
      <button
        type="button"
        className="btn btn-small"
        onClick={() =>
          void api
            .invoke('terminal:takeover', { id })
            .then(() => terminals.focus(id))
            .catch((e: unknown) => useAppStore.getState().pushError(toErrorPayload(e)))
        }
      >
        {t('terminal.typeHere')}
      </button>
    </div>
  );
}

export function TerminalPane() {
  const t = useT();
  const tabs = useAppStore((s) => s.terminals);
  const active = useAppStore((s) => s.activeTerminal);
  const add = useAppStore((s) => s.addTerminal);
  const remove = useAppStore((s) => s.removeTerminal);
  const current = tabs.find((x) => x.key === active);
  return (
    <section className="terminal-pane" data-region="terminal" aria-label={t('terminal.title')}>
      <div className="pane-bar">
        <h2 className="pane-title">{t('terminal.title')}</h2>
        <TerminalTabs tabs={tabs} active={active} />
        {current && <TerminalStatus current={current} />}
        {current && <TerminalTarget terminalId={current.id} />}
        {current && current.exited !== null && (
          <button type="button" className="btn btn-small" onClick={() => (remove(current.key), add())}>
            {t('terminal.restart')}
          </button>
        )}
        <PlacementToggle />
      </div>
      {current?.typing === false && current.id && <WatchingBar id={current.id} />}
      {tabs.map((tab) => (
        <TerminalView key={tab.key} tab={tab} visible={tab.key === active} />
      ))}
    </section>
  );
}
