// The workspace once a runbook is open: the navigator, the step column and the terminals, with the two
// splitters between them. While dragging, a size lives here; it is saved once, when the drag ends.
import { useState } from 'react';
import { useApi } from '../api/ApiContext';
import { updateSettings } from '../actions';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store';
import { DocumentView } from '../features/runbook/DocumentView';
import { Outline } from '../features/runbook/Outline';
import { VariablesPanel } from '../features/runbook/VariablesPanel';
import { Preflight } from '../features/session/Preflight';
import { StepControls } from '../features/step/StepControls';
import { TerminalPane } from '../features/terminal/TerminalPane';
import { Splitter } from './Splitter';

export function Workspace() {
  const api = useApi();
  const t = useT();
  const savedOutline = useAppStore((s) => s.settings.outlineWidth);
  const [outline, setOutline] = useState<number | null>(null);
  const outlineWidth = outline ?? savedOutline;
  return (
    <main className="workspace" style={{ gridTemplateColumns: `${outlineWidth}px 6px minmax(0, 1fr)` }}>
      <Outline />
      <Splitter
        orientation="vertical"
        value={outlineWidth}
        min={180}
        max={600}
        step={20}
        label={t('layout.outlineSplitter')}
        fromPointer={(e) => e.clientX}
        onChange={setOutline}
        onCommit={(v) => void updateSettings(api, { outlineWidth: v }).then(() => setOutline(null))}
      />
      <StepAndTerminals />
    </main>
  );
}

/** The step column and the terminal pane, below or beside it as the operator chose. */
function StepAndTerminals() {
  const api = useApi();
  const t = useT();
  const placement = useAppStore((s) => s.settings.terminalPlacement);
  const savedSize = useAppStore((s) => s.settings.terminalSize);
  const [size, setSize] = useState<number | null>(null);
  const termSize = size ?? savedSize;
  return (
    <div
      className={`right right-${placement}`}
      style={
        placement === 'below'
          ? { gridTemplateRows: `minmax(0, 1fr) 6px ${termSize}%` }
          : { gridTemplateColumns: `minmax(0, 1fr) 6px ${termSize}%` }
      }
    >
      <div className="doc-column" data-region="step">
        <VariablesPanel />
        <Preflight />
        <StepControls />
        <DocumentView />
      </div>
      <Splitter
        orientation={placement === 'below' ? 'horizontal' : 'vertical'}
        value={termSize}
        min={15}
        max={80}
        label={t('layout.terminalSplitter')}
        paneAfter
        fromPointer={(e) => {
          const r = (e.target as HTMLElement).parentElement!.getBoundingClientRect();
          return placement === 'below'
            ? ((r.bottom - e.clientY) / r.height) * 100
            : ((r.right - e.clientX) / r.width) * 100;
        }}
        onChange={setSize}
        onCommit={(v) => void updateSettings(api, { terminalSize: v }).then(() => setSize(null))}
      />
      <TerminalPane />
    </div>
  );
}
