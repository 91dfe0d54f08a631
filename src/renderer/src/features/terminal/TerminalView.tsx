// One embedded terminal tab: the React side of a TerminalController (which owns xterm, the shell and
// everything between them), plus the find bar.
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { toErrorPayload } from '../../../../shared/errors';
import { useApi } from '../../api/ApiContext';
import { useT } from '../../i18n/useT';
import { useAppStore, type TerminalTab } from '../../store';
import { TerminalController } from './terminalController';

const THEMES = {
  night: { background: '#0b0f14', foreground: '#d8dee9', cursor: '#f5a524', selectionBackground: '#33415580' },
  light: { background: '#fbfbf8', foreground: '#1f2328', cursor: '#9a6700', selectionBackground: '#b6d4fe80' },
  contrast: { background: '#000000', foreground: '#ffffff', cursor: '#ffff00', selectionBackground: '#ffffff60' },
} as const;

export function TerminalView({ tab, visible }: { tab: TerminalTab; visible: boolean }) {
  const api = useApi();
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const ctl = useRef<TerminalController | null>(null);
  const [finding, setFinding] = useState(false);
  const [query, setQuery] = useState('');
  const fontSize = useAppStore((s) => s.settings.fontSize);
  const theme = useAppStore((s) => s.settings.theme);
  const sessionId = useAppStore((s) => s.session?.sessionId);
  const update = useAppStore((s) => s.updateTerminal);

  useEffect(() => {
    if (!host.current) return;
    const s = useAppStore.getState().settings;
    const c = new TerminalController({
      api,
      host: host.current,
      name: tab.name,
      sessionId: sessionId ?? null,
      fontSize: s.fontSize,
      theme: THEMES[s.theme],
      renderer: s.terminalRenderer,
      onChange: (patch) => update(tab.key, patch),
      onFind: () => setFinding(true),
      onError: (e) => useAppStore.getState().pushError(toErrorPayload(e)),
      copyOnSelect: () => useAppStore.getState().settings.copyOnSelect,
    });
    ctl.current = c;
    return () => {
      c.dispose();
      ctl.current = null;
    };
    // One shell per tab and session: font, theme and visibility changes are applied below without restarting it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, tab.key, sessionId]);

  useEffect(() => {
    ctl.current?.apply({ fontSize, theme: THEMES[theme], visible });
  }, [fontSize, theme, visible]);

  return (
    <div className="terminal-view" hidden={!visible}>
      {finding && (
        <form
          className="find-bar"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            ctl.current?.search.findNext(query);
          }}
        >
          <input
            autoFocus
            aria-label={t('terminal.find')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && (setFinding(false), ctl.current?.focus())}
          />
          <button type="button" className="btn btn-small" onClick={() => ctl.current?.search.findPrevious(query)}>
            ↑
          </button>
          <button type="submit" className="btn btn-small">
            ↓
          </button>
          <button type="button" className="btn btn-small" onClick={() => (setFinding(false), ctl.current?.focus())}>
            {t('session.cancel')}
          </button>
        </form>
      )}
      <div className="terminal-host" ref={host} data-testid="terminal" data-tab={tab.key} />
    </div>
  );
}
