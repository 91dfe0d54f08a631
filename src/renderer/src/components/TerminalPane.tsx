// The embedded terminal: xterm.js in the page, a real shell in core. The Terminal object lives in a ref,
// never in the store.
import { FitAddon } from '@xterm/addon-fit';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api/ApiContext';
import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import { toErrorPayload } from '../../../shared/errors';

const THEMES = {
  night: { background: '#0b0f14', foreground: '#d8dee9', cursor: '#f5a524', selectionBackground: '#33415580' },
  light: { background: '#fbfbf8', foreground: '#1f2328', cursor: '#9a6700', selectionBackground: '#b6d4fe80' },
  contrast: { background: '#000000', foreground: '#ffffff', cursor: '#ffff00', selectionBackground: '#ffffff60' },
} as const;

export function TerminalPane() {
  const api = useApi();
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const fontSize = useAppStore((s) => s.settings.fontSize);
  const theme = useAppStore((s) => s.settings.theme);
  const [status, setStatus] = useState<{ kind: 'starting' } | { kind: 'running'; shell: string } | { kind: 'exited'; code: number }>({ kind: 'starting' });
  const [generation, setGeneration] = useState(0);
  const termRef = useRef<Terminal | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({ fontSize, allowProposedApi: true, scrollback: 5000, theme: THEMES[theme], fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono CJK JP", monospace' });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
    term.open(el);
    termRef.current = term;
    fit.fit();
    let id: string | null = null;
    let disposed = false;
    const offData = api.on('terminal:data', (p) => {
      if (p.id === id) term.write(p.data);
    });
    const offExit = api.on('terminal:exit', (p) => {
      if (p.id === id) setStatus({ kind: 'exited', code: p.exitCode });
    });
    const input = term.onData((data) => {
      if (id) api.invoke('terminal:input', { id, data }).catch((e) => useAppStore.getState().pushError(toErrorPayload(e)));
    });
    api
      .invoke('terminal:create', { cols: Math.max(term.cols, 2), rows: Math.max(term.rows, 1) })
      .then((r) => {
        if (disposed) {
          void api.invoke('terminal:close', { id: r.id }).catch(() => {});
          return;
        }
        id = r.id;
        el.dataset.terminalId = r.id;
        setStatus({ kind: 'running', shell: r.shell });
        term.focus();
      })
      .catch((e) => useAppStore.getState().pushError(toErrorPayload(e)));
    const observer = new ResizeObserver(() => {
      fit.fit();
      if (id) void api.invoke('terminal:resize', { id, cols: Math.max(term.cols, 2), rows: Math.max(term.rows, 1) }).catch(() => {});
    });
    observer.observe(el);
    return () => {
      disposed = true;
      observer.disconnect();
      offData();
      offExit();
      input.dispose();
      if (id) void api.invoke('terminal:close', { id }).catch(() => {});
      term.dispose();
      termRef.current = null;
    };
    // Font and theme are applied below without restarting the shell.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, generation]);

  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    term.options.fontSize = fontSize;
    term.options.theme = THEMES[theme];
  }, [fontSize, theme]);

  return (
    <section className="terminal-pane" aria-label={t('terminal.title')}>
      <div className="pane-bar">
        <h2 className="pane-title">{t('terminal.title')}</h2>
        <span className="muted terminal-status">
          {status.kind === 'starting' && t('terminal.starting')}
          {status.kind === 'running' && status.shell}
          {status.kind === 'exited' && t('terminal.exited', { code: status.code })}
        </span>
        {status.kind === 'exited' && (
          <button type="button" className="btn btn-small" onClick={() => { setStatus({ kind: 'starting' }); setGeneration((g) => g + 1); }}>
            {t('terminal.restart')}
          </button>
        )}
      </div>
      <div className="terminal-host" ref={host} data-testid="terminal" />
    </section>
  );
}
