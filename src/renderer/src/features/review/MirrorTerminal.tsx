// The session's terminal as the operator sees it, read-only: the latest output first, then live.
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/ApiContext';

export function MirrorTerminal({ label }: { label: string }) {
  const api = useApi();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const term = new Terminal({ disableStdin: true, convertEol: false, rows: 16, cols: 100, scrollback: 2000 });
    term.open(box.current!);
    let shown: string | null = null;
    // Live output arrives as bytes in binary frames, like the operator's own terminal.
    const off = api.onOutput((id, bytes) => {
      shown ??= id;
      if (id === shown) term.write(bytes);
    });
    void api.invoke('review:terminals', {}).then((ts) => {
      const first = ts[0];
      if (!first) return;
      shown = first.id;
      term.write(first.replay);
    });
    return () => {
      off();
      term.dispose();
    };
  }, [api]);
  return (
    <section className="joiner-terminal" aria-label={label}>
      <h2>{label}</h2>
      <div ref={box} data-testid="mirror-terminal" />
    </section>
  );
}
