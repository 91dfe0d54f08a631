// One embedded terminal's lifetime: xterm.js in the page, its shell in core, and everything between
// them — output in (bytes, straight to xterm's parser), keystrokes out (binary frames, no reply waited
// for), acknowledgements in 100 KB steps, resize, find, copy on select. Everything it starts is
// registered here and `dispose()` releases all of it; after that, output and keys go nowhere.
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal, type ITheme } from '@xterm/xterm';
import { ACK_STEP, ACK_WHEN_CAUGHT_UP } from '../../../../shared/terminalFrames';
import type { Transport } from '../../api/transports';
import type { TerminalTab } from '../../store';
import { terminals } from './terminals';

export interface TerminalControllerOptions {
  api: Transport;
  /** The element xterm draws into. */
  host: HTMLElement;
  name: string;
  /** In a session, a shell left running by a reloaded or closed window is taken over. */
  sessionId: string | null;
  fontSize: number;
  theme: ITheme;
  renderer: 'auto' | 'dom';
  /** What the tab shows changed: the shell's id, its integration, its exit, who types. */
  onChange(patch: Partial<TerminalTab>): void;
  /** Ctrl+Shift+F in the terminal. */
  onFind(): void;
  onError(err: unknown): void;
  copyOnSelect(): boolean;
}

const FONT = 'ui-monospace, "DejaVu Sans Mono", "IPAGothic", "Noto Sans Mono CJK JP", monospace';

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

export class TerminalController {
  readonly term: Terminal;
  readonly search = new SearchAddon();
  private readonly fit = new FitAddon();
  private readonly releases: (() => void)[] = [];
  private id: string | null = null;
  private disposed = false;
  /** Another window of the session holds the keyboard: keys here go nowhere (the pane says so). */
  private typing = true;
  /** Bytes given to xterm, how far it has parsed, and how many of them core has been told are parsed. */
  private written = 0;
  private parsedUpTo = 0;
  private acked = 0;
  /** When the last acknowledgement went, and since when xterm has had output to parse (ms, page clock). */
  private ackedAt = 0;
  private waitingSince = 0;

  constructor(private readonly o: TerminalControllerOptions) {
    this.term = new Terminal({ fontSize: o.fontSize, allowProposedApi: true, scrollback: 5000, theme: o.theme });
    this.term.options.fontFamily = FONT;
    this.register(() => this.term.dispose());
    this.setUpTerminal();
    this.register(o.api.onOutput((id, bytes) => this.output(id, bytes)));
    this.register(o.api.on('terminal:exit', (p) => p.id === this.id && o.onChange({ exited: p.exitCode })));
    this.register(o.api.on('terminal:status', (p) => p.id === this.id && o.onChange({ integration: p.integration })));
    this.register(o.api.on('terminal:typing', (p) => p.id === this.id && this.setTyping(p.typing)));
    const input = this.term.onData((data) => this.input(data));
    this.register(() => input.dispose());
    const sel = this.term.onSelectionChange(() => {
      if (o.copyOnSelect() && this.term.hasSelection())
        void navigator.clipboard?.writeText(this.term.getSelection()).catch(() => {});
    });
    this.register(() => sel.dispose());
    const observer = new ResizeObserver(() => this.resize());
    observer.observe(o.host);
    this.register(() => observer.disconnect());
    this.start();
  }

  private setUpTerminal(): void {
    const { term, o } = this;
    term.loadAddon(this.fit);
    term.loadAddon(this.search);
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
    term.open(o.host);
    // F6 into the terminal region lands in the shell's input, not on the tab buttons.
    term.textarea?.setAttribute('data-region-entry', '');
    if (o.renderer === 'auto' && !softwareGl())
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
        o.onFind();
        return false;
      }
      return true;
    });
    this.fit.fit();
  }

  private register(release: () => unknown): void {
    this.releases.push(() => void release());
  }

  /** Ask core for the shell (or the session's running one back) and show what it printed meanwhile. */
  private start(): void {
    const { o, term } = this;
    o.api
      .invoke('terminal:create', {
        cols: Math.max(term.cols, 2),
        rows: Math.max(term.rows, 1),
        name: o.name,
        ...(o.sessionId ? { sessionId: o.sessionId, reattach: true } : {}),
      })
      .then((r) => {
        if (this.disposed) return void o.api.invoke('terminal:close', { id: r.id }).catch(() => {});
        if (r.replay) term.write(r.replay);
        this.id = r.id;
        o.host.dataset.terminalId = r.id;
        terminals.set(r.id, term);
        o.onChange({ id: r.id, integration: r.integration, exited: null });
        // The terminal never takes the focus by itself: keys meant for the page would reach the shell.
      })
      .catch((e: unknown) => !this.disposed && o.onError(e));
  }

  /**
   * Bytes straight to xterm's parser (it decodes UTF-8 across writes). Each frame's write callback says how
   * far xterm has parsed; core hears of it once per ACK_STEP bytes, and whenever the page has caught up with
   * all it was sent (so a small window never waits for a step to fill): a few small requests a second. Each
   * says how long output waited here to be parsed since the last, from which core learns how fast this page
   * parses (the terminal's window is measured in parse time).
   */
  private output(id: string, bytes: Uint8Array): void {
    if (id !== this.id || this.disposed) return;
    if (this.parsedUpTo === this.written) this.waitingSince = performance.now();
    const upTo = (this.written += bytes.length);
    this.term.write(bytes, () => this.parsed(upTo));
  }

  private parsed(upTo: number): void {
    this.parsedUpTo = upTo;
    if (this.disposed || !this.id) return;
    const chars = upTo - this.acked;
    const caughtUp = upTo === this.written;
    if (chars < ACK_STEP && !(caughtUp && chars >= ACK_WHEN_CAUGHT_UP)) return;
    const now = performance.now();
    const ms = now - Math.max(this.waitingSince, this.ackedAt);
    this.acked = upTo;
    this.ackedAt = now;
    void this.o.api.invoke('terminal:ack', { id: this.id, chars, ms }).catch(() => {});
  }

  private setTyping(typing: boolean): void {
    this.typing = typing;
    this.o.onChange({ typing });
  }

  private input(data: string): void {
    if (this.id && this.typing)
      this.o.api.invoke('terminal:input', { id: this.id, data }).catch((e: unknown) => this.o.onError(e));
  }

  private resize(): void {
    if (!this.o.host.offsetParent || this.disposed) return;
    this.fit.fit();
    if (this.id)
      void this.o.api
        .invoke('terminal:resize', {
          id: this.id,
          cols: Math.max(this.term.cols, 2),
          rows: Math.max(this.term.rows, 1),
        })
        .catch(() => {});
  }

  /** Font, theme and visibility change without restarting the shell. */
  apply(opts: { fontSize: number; theme: ITheme; visible: boolean }): void {
    if (this.disposed) return;
    this.term.options.fontSize = opts.fontSize;
    this.term.options.theme = opts.theme;
    if (opts.visible) this.fit.fit();
  }

  focus(): void {
    if (!this.disposed) this.term.focus();
  }

  /**
   * The view goes (its tab, the runbook or the session was closed): every listener and the xterm are released.
   * A session's shell is left running, detached, for a window to come back to (the start screen lists it);
   * only an explicit close ends it (`close()`). A shell outside a session ends with its view.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.id) {
      terminals.delete(this.id);
      const channel = this.o.sessionId ? 'terminal:detach' : 'terminal:close';
      void this.o.api.invoke(channel, { id: this.id }).catch(() => {});
    }
    for (const release of this.releases.splice(0).reverse()) release();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }
}
