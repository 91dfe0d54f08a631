import { useEffect, useState } from 'react';
import { useApi } from '../api/ApiContext';
import { boot, openFile, pickFile, updateSettings } from '../actions';
import { useAppStore } from '../store';
import { useLanguage } from '../i18n/useT';
import { DocumentView } from './DocumentView';
import { ErrorBanner } from './ErrorBanner';
import { AlertBanner } from './AlertBanner';
import { Header } from './Header';
import { SessionBar } from './SessionBar';
import { VariablesPanel } from './VariablesPanel';
import { RollbackQuestion } from './RollbackQuestion';
import { ShortcutSheet } from './ShortcutSheet';
import { Preflight } from './Preflight';
import { handleShortcut } from '../shortcuts';
import { StepControls } from './StepControls';
import { Outline } from './Outline';
import { RunbookPicker } from './RunbookPicker';
import { TerminalPane } from './TerminalPane';

export function App() {
  const api = useApi();
  const doc = useAppStore((s) => s.doc);
  const theme = useAppStore((s) => s.settings.theme);
  const fontSize = useAppStore((s) => s.settings.fontSize);
  const lang = useLanguage();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    void boot(api);
    const offConn = api.onConnection((c) => useAppStore.getState().setConnection(c));
    // Capture phase: the shortcuts are taken before the terminal turns Alt+key into input for the shell.
    const onKey = (e: KeyboardEvent): void => {
      if (handleShortcut(api, e)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    const offState = api.on('session:state', ({ sessionId, state }) => useAppStore.getState().setSessionState(sessionId, state));
    const offCmd = api.on('app:command', ({ command }) => {
      const size = useAppStore.getState().settings.fontSize;
      if (command === 'open-runbook') void pickFile(api);
      if (command === 'zoom-in') void updateSettings(api, { fontSize: Math.min(32, size + 1) });
      if (command === 'zoom-out') void updateSettings(api, { fontSize: Math.max(12, size - 1) });
      if (command === 'zoom-reset') void updateSettings(api, { fontSize: 14 });
    });
    return () => {
      offConn();
      offCmd();
      offState();
      window.removeEventListener('keydown', onKey, true);
    };
  }, [api]);

  // Closing the tab ends the terminals: while a release is under way, the browser asks first.
  const live = useAppStore((s) => ['preflight', 'running', 'monitoring', 'rollback'].includes(s.session?.state.lifecycle ?? ''));
  useEffect(() => {
    if (!live) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [live]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.setProperty('--font-size', `${fontSize}px`);
  }, [lang, theme, fontSize]);

  return (
    <div
      className={dragging ? 'app dragging' : 'app'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const f = e.dataTransfer.files[0];
        if (f) void openFile(api, f);
      }}
    >
      <Header />
      <RollbackQuestion />
      <ShortcutSheet />
      <ErrorBanner />
      <AlertBanner />
      {doc && <SessionBar />}
      {doc ? (
        <main className="workspace">
          <Outline />
          <div className="right">
            <div className="doc-column">
              <VariablesPanel />
              <Preflight />
              <StepControls />
              <DocumentView />
            </div>
            <TerminalPane />
          </div>
        </main>
      ) : (
        <main className="workspace-empty">
          <RunbookPicker />
        </main>
      )}
    </div>
  );
}
