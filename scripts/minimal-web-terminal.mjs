// The least a pty-backed web terminal can do, for the terminal benchmark to measure tejun against: node-pty →
// one WebSocket → xterm.js, nothing else. Output is gathered into frames as tejun's host does (128 KiB, or
// 5 ms), the page acknowledges every 100 KB it has parsed, and the pty pauses above 2 MB unacknowledged (resumes
// below 1.5 MB): the flow control xterm.js's guide describes. No framing header, no shell integration, no
// transcript, no replay, no request channel, no schema: what is left is the cost of moving bytes from a pty into
// a page on this machine, which xterm alone (bytes already in the page) never pays.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pty from 'node-pty';
import { WebSocketServer } from 'ws';

const FRAME_BYTES = 128 * 1024;
const FRAME_MS = 5;
const PAUSE_ABOVE = 2_000_000;
const RESUME_BELOW = 1_500_000;

/** The page: xterm set up as `options` says, and run() that streams until the server says 'end'. */
function pageHtml(root, options) {
  const css = readFileSync(join(root, 'node_modules/@xterm/xterm/css/xterm.css'), 'utf8');
  return `<!doctype html><html><head><style>${css}</style></head><body style="margin:8px">
<div id="t" style="width:${options.width}px;height:${options.height}px"></div>
<script src="/xterm.js"></script><script src="/unicode11.js"></script><script>
const term = new Terminal(${JSON.stringify(options.terminal)});
term.loadAddon(new Unicode11Addon.Unicode11Addon());
term.unicode.activeVersion = '11';
term.open(document.getElementById('t'));
const r = document.querySelector('.xterm-screen').getBoundingClientRect();
window.box = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
window.run = () => new Promise((done) => {
  const ws = new WebSocket('ws://' + location.host + '/ws');
  ws.binaryType = 'arraybuffer';
  let parsed = 0, acked = 0, total = 0, t0 = 0;
  ws.onopen = () => { t0 = performance.now(); ws.send('go'); };
  ws.onmessage = (e) => {
    if (e.data === 'end') return term.write('', () => done({ bytes: total, ms: performance.now() - t0 }));
    const bytes = new Uint8Array(e.data);
    total += bytes.length;
    term.write(bytes, () => {
      parsed += bytes.length;
      if (parsed - acked >= 100000) { ws.send(String(parsed - acked)); acked = parsed; }
    });
  };
});
</script></body></html>`;
}

/** One WebSocket: on 'go', `cat file` in a pty, its output in frames, paused and resumed by the page's acks. */
function serve(ws, file, size) {
  let unacked = 0;
  let paused = false;
  let pending = [];
  let pendingBytes = 0;
  let timer = null;
  let proc = null;
  const flush = () => {
    clearTimeout(timer);
    timer = null;
    if (!pendingBytes) return;
    const bytes = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    ws.send(bytes);
    unacked += bytes.length;
    if (paused || unacked <= PAUSE_ABOVE) return;
    paused = true;
    proc.pause();
  };
  ws.on('message', (m) => {
    const text = String(m);
    // The port is open to this machine while the bench runs: one `cat` per connection, acks as counts only.
    if (text === 'go' && proc) return;
    if (text !== 'go') {
      const chars = Number(text);
      if (!proc || !Number.isSafeInteger(chars) || chars <= 0) return;
      unacked -= chars;
      if (paused && unacked < RESUME_BELOW) {
        paused = false;
        proc.resume();
      }
      return;
    }
    proc = pty.spawn('cat', [file], { cols: size.cols, rows: size.rows, encoding: null });
    proc.onData((d) => {
      pending.push(d);
      pendingBytes += d.length;
      if (pendingBytes >= FRAME_BYTES) flush();
      else timer ??= setTimeout(flush, FRAME_MS);
    });
    proc.onExit(() => (flush(), ws.send('end')));
  });
}

/**
 * MB/s of `cat file` through the minimal pipeline into xterm in `browser` (a bare Chromium), xterm set up as
 * `terminal` (its options, cols and rows) in a box of size.width × size.height, clicked as tejun's terminal is.
 */
export async function minimalPipeline(browser, root, file, size, terminal) {
  const lib = (p) => readFileSync(join(root, 'node_modules', p));
  const html = pageHtml(root, { width: size.width, height: size.height, terminal });
  const server = createServer((req, res) => {
    if (req.url === '/xterm.js') return res.end(lib('@xterm/xterm/lib/xterm.js'));
    if (req.url === '/unicode11.js') return res.end(lib('@xterm/addon-unicode11/lib/addon-unicode11.js'));
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  });
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (ws) => serve(ws, file, size));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const page = await browser.open(`http://127.0.0.1:${server.address().port}/`);
    const box = await page.waitFor(() => typeof window.run === 'function' && window.box);
    await page.click(box.x, box.y);
    const { bytes, ms } = await page.evaluate(() => window.run());
    page.close();
    return bytes / 1048576 / (ms / 1000);
  } finally {
    wss.close();
    server.close();
  }
}
