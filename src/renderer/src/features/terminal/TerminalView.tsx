// One embedded terminal: xterm.js in the page, a real shell in core. Output is acknowledged after
// xterm has parsed it (flow control); WebGL renders when it can, the DOM renderer when it cannot.
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { toErrorPayload } from '../../../../shared/errors';
import { ACK_STEP } from '../../../../shared/terminalFrames';
import { useApi } from '../../api/ApiContext';
import { useT } from '../../i18n/useT';
import { useAppStore, type TerminalTab } from '../../store';
import { terminals } from './terminals';

const THEMES = {
  night: { background: '#0b0f14', foreground: '#d8dee9', cursor: '#f5a524', selectionBackground: '#33415580' },
  light: { background: '#fbfbf8', foreground: '#1f2328', cursor: '#9a6700', selectionBackground: '#b6d4fe80' },
  contrast: { background: '#000000', foreground: '#ffffff', cursor: '#ffff00', selectionBackground: '#ffffff60' },
} as const;

/**
 * Whether WebGL here is a software rasterizer (SwiftShader, llvmpipe): measured on this project's
 * machines, it draws a flood at a third of the DOM renderer's speed, so 'auto' keeps the DOM there.
 */
let software: boolean | null = null;
function softwareGl(): boolean {
  if (software !== null) return software;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    const name = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    software = !gl || /swiftshader|llvmpipe|softpipe|software/i.test(name);
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    software = true;
  }
  return software;
}

export function TerminalView({ tab, visible }: { tab: TerminalTab; visible: boolean }) {
  const api = useApi();
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const [finding, setFinding] = useState(false);
  const [query, setQuery] = useState('');
  const fontSize = useAppStore((s) => s.settings.fontSize);
  const theme = useAppStore((s) => s.settings.theme);
  const copyOnSelect = useAppStore((s) => s.settings.copyOnSelect);
  const sessionId = useAppStore((s) => s.session?.sessionId);
  const update = useAppStore((s) => s.updateTerminal);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const s = useAppStore.getState().settings;
    const term = new Terminal({
      fontSize: s.fontSize,
      allowProposedApi: true,
      scrollback: 5000,
      theme: THEMES[s.theme],
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", "IPAGothic", "Noto Sans Mono CJK JP", monospace',
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
    term.open(el);
    // F6 into the terminal region lands in the shell's input, not on the tab buttons.
    term.textarea?.setAttribute('data-region-entry', '');
    if (s.terminalRenderer === 'auto' && !softwareGl())
      try {
        const webgl = new WebglAddon();
        webgl.onContextLoss(() => webgl.dispose());
        term.loadAddon(webgl);
      } catch {
        // No WebGL here: xterm keeps its DOM renderer.
      }
    term.attachCustomKeyEventHandler((e) => {
      // F6 / Shift+F6 leave the terminal for the next region (the page's handler moves the focus).
      if (e.key === 'F6') return false;
      if (e.type === 'keydown' && (e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'f') {
        setFinding(true);
        return false;
      }
      return true;
    });
    termRef.current = term;
    fitRef.current = fit;
    searchRef.current = search;
    fit.fit();
    let id: string | null = null;
    let disposed = false;
    let parsed = 0;
    const offData = api.on('terminal:data', (p) => {
      if (p.id !== id) return;
      term.write(p.data, () => {
        parsed += p.data.length;
        if (parsed >= ACK_STEP && id) {
          const chars = parsed;
          parsed = 0;
          void api.invoke('terminal:ack', { id, chars }).catch(() => {});
        }
      });
    });
    const offExit = api.on('terminal:exit', (p) => {
      if (p.id === id) update(tab.key, { exited: p.exitCode });
    });
    const offStatus = api.on('terminal:status', (p) => {
      if (p.id === id) update(tab.key, { integration: p.integration });
    });
    const input = term.onData((data) => {
      if (id)
        api.invoke('terminal:input', { id, data }).catch((e) => useAppStore.getState().pushError(toErrorPayload(e)));
    });
    const sel = term.onSelectionChange(() => {
      if (useAppStore.getState().settings.copyOnSelect && term.hasSelection())
        void navigator.clipboard?.writeText(term.getSelection()).catch(() => {});
    });
    api
      // In a session, a shell left running by a reloaded or closed window is taken over, with its latest output.
      .invoke('terminal:create', {
        cols: Math.max(term.cols, 2),
        rows: Math.max(term.rows, 1),
        name: tab.name,
        ...(sessionId ? { sessionId, reattach: true } : {}),
      })
      .then((r) => {
        if (disposed) {
          void api.invoke('terminal:close', { id: r.id }).catch(() => {});
          return;
        }
        if (r.replay) term.write(r.replay);
        id = r.id;
        el.dataset.terminalId = r.id;
        terminals.set(r.id, term);
        update(tab.key, { id: r.id, integration: r.integration, exited: null });
        // The terminal never takes the focus by itself: keys meant for the page would reach the shell.
      })
      .catch((e) => useAppStore.getState().pushError(toErrorPayload(e)));
    const observer = new ResizeObserver(() => {
      if (!el.offsetParent) return;
      fit.fit();
      if (id)
        void api
          .invoke('terminal:resize', { id, cols: Math.max(term.cols, 2), rows: Math.max(term.rows, 1) })
          .catch(() => {});
    });
    observer.observe(el);
    return () => {
      disposed = true;
      observer.disconnect();
      offData();
      offExit();
      offStatus();
      input.dispose();
      sel.dispose();
      if (id) {
        terminals.delete(id);
        void api.invoke('terminal:close', { id }).catch(() => {});
      }
      term.dispose();
      termRef.current = null;
    };
    // One shell per tab and session: font, theme and visibility changes are applied below without restarting it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, tab.key, sessionId]);

  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    term.options.fontSize = fontSize;
    term.options.theme = THEMES[theme];
    if (visible) fitRef.current?.fit();
  }, [fontSize, theme, visible, copyOnSelect]);

  return (
    <div className="terminal-view" hidden={!visible}>
      {finding && (
        <form
          className="find-bar"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            searchRef.current?.findNext(query);
          }}
        >
          <input
            autoFocus
            aria-label={t('terminal.find')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && (setFinding(false), termRef.current?.focus())}
          />
          <button type="button" className="btn btn-small" onClick={() => searchRef.current?.findPrevious(query)}>
            ↑
          </button>
          <button type="submit" className="btn btn-small">
            ↓
          </button>
          <button type="button" className="btn btn-small" onClick={() => (setFinding(false), termRef.current?.focus())}>
            {t('session.cancel')}
          </button>
        </form>
      )}
      <div className="terminal-host" ref={host} data-testid="terminal" data-tab={tab.key} />
    </div>
  );
}
