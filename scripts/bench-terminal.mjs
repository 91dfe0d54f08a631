// npm run bench:terminal — in one run on this machine:
//  (1) raw node-pty read rate of `cat` of a 100 MB text file;
//  (2) the same through tejun's whole path (pty → core → web host → WebSocket → xterm in headless
//      Chromium), until xterm has parsed the last byte (the renderer acknowledges after parsing);
//  (3) the same through wetty (same node-pty + xterm.js stack over socket.io), the peer;
//  (3b) what redaction costs: a session's transcript passes every output chunk through the streaming
//      redactor (tejun's rules + secretlint's preset) before it is written; the same file, in 64 KiB
//      chunks, through RedactingStream alone, as MB/s and as time per MB added to tejun's path;
//  (4) keystroke-to-echo latency, p50/p99 over 200 keystrokes, in tejun and in wetty, measured in the
//      page from the keydown to the WebSocket message that carries the echo, with tejun's hops (p50/p99);
//  (5) a flood: `yes` for --flood-seconds (default 60) in tejun: the page's 1-s clock tick, echo p99 during
//      the flood, Ctrl+C until the screen shows it, host RSS and page JS heap growth.
// xterm alone is measured like tejun's terminal: same options and addons, same DOM renderer, same pixel size
// and grid of cells, same 64 KiB chunks, same bytes. Between the two, (2b) the least a pty-backed web terminal
// does (scripts/minimal-web-terminal.mjs: the same pty, frames and flow control, nothing else) shows what moving
// bytes from a pty into the page costs on this machine, apart from what tejun adds. (2), (2b) and xterm alone
// run in BENCH_ROUNDS rounds (default 3) of one each; medians are reported, since one run here swings by ±20%.
// Prints readable lines, then one JSON line. wetty is installed on first use into node_modules/.cache;
// BENCH_WETTY=0 leaves it out (while iterating).
// To see where time goes: BENCH_TRACE=file (DevTools traces of the first round's tejun and xterm alone),
// BENCH_PAGE_PROFILE=file (their JS profiles), BENCH_HOST_PROFILE=file (the host's JS profile during the first
// cat), BENCH_THREADS=1 (the renderer's threads in the CPU lines), BENCH_FLOOD_DEBUG=1 (flow-control windows).
// The browser is Chromium driven over a bare DevTools socket (scripts/bare-chromium.mjs), not Playwright:
// Playwright records every WebSocket frame of the pages it drives (Network domain, base64 to its client,
// which here is the host's own process), a cost an operator's browser never pays and xterm alone never had.
// BENCH_KEY_GAP_MS waits that long before each keystroke (default 0: as fast as the echo comes back).
import { execFileSync, spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pty from 'node-pty';
import { launchBare } from './bare-chromium.mjs';
import { minimalPipeline } from './minimal-web-terminal.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MB = Number(process.env.BENCH_MB ?? 100);
const KEYS = 200;
const KEY_GAP_MS = Number(process.env.BENCH_KEY_GAP_MS ?? 0);
const ECHO_WAIT_MS = Number(process.env.BENCH_ECHO_WAIT_MS ?? 20);
const argAt = process.argv.indexOf('--flood-seconds');
const FLOOD_S = Number(argAt > 0 ? process.argv[argAt + 1] : (process.env.BENCH_FLOOD_SECONDS ?? 60));
if (!(FLOOD_S > 0)) throw new Error('--flood-seconds wants a number of seconds above 0');
const CHUNK = 64 * 1024;
// Rounds of (tejun's cat, then xterm alone): the machine is shared, and a single pair of runs swings by ±20%.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
if (!(ROUNDS >= 1)) throw new Error('BENCH_ROUNDS wants a whole number of rounds, 1 or more');
const work = mkdtempSync(join(tmpdir(), 'tejun-bench-term-'));
const home = mkdtempSync(join(tmpdir(), 'tejun-bench-home-'));
const env = { ...process.env, HOME: home, SHELL: '/bin/bash', LANG: 'C.UTF-8' };

async function makeFile() {
  const file = join(work, 'text.txt');
  const out = createWriteStream(file);
  const line = 'The quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij\n';
  const block = line.repeat(1000);
  for (let written = 0; written < MB * 1024 * 1024; written += block.length)
    if (!out.write(block)) await new Promise((r) => out.once('drain', r));
  await new Promise((r) => out.end(r));
  return file;
}

function raw(file) {
  return new Promise((resolve) => {
    let chars = 0;
    const start = performance.now();
    const p = pty.spawn('cat', [file], { cols: 120, rows: 40, env });
    p.onData((d) => (chars += d.length));
    p.onExit(() => resolve({ ms: performance.now() - start, chars }));
  });
}

/**
 * What xterm.js alone parses per second in this browser (no pty, no network): the ceiling of any web terminal
 * here. Measured as tejun's terminal runs: its options and Unicode 11 widths, the DOM renderer (what 'auto'
 * picks on a software GL), the same pixel size and the same grid of cells (a line that fits tejun's width must
 * not wrap here), clicked (focused, pointer on it), the same bytes in the same 64 KiB chunks. `observe` records it
 * as BENCH_TRACE / BENCH_PAGE_PROFILE ask.
 */
async function xtermCeiling(browser, size, observe = false) {
  const page = await browser.open('about:blank');
  const css = readFileSync(join(ROOT, 'node_modules/@xterm/xterm/css/xterm.css'), 'utf8');
  await page.evaluate(
    ([css, size]) => {
      document.head.appendChild(document.createElement('style')).textContent = css;
      document.body.innerHTML = `<div id="t" style="width:${size.width}px;height:${size.height}px"></div>`;
    },
    [css, size],
  );
  for (const lib of ['@xterm/xterm/lib/xterm.js', '@xterm/addon-unicode11/lib/addon-unicode11.js'])
    await page.send('Runtime.evaluate', { expression: readFileSync(join(ROOT, 'node_modules', lib), 'utf8') });
  const traced = observe ? await startTrace(page) : null;
  const box = await page.evaluate((options) => {
    const term = new window.Terminal(options);
    term.loadAddon(new window.Unicode11Addon.Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.open(document.getElementById('t'));
    window.__term = term;
    const r = document.querySelector('.xterm-screen').getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, xtermOptions(size));
  // As tejun's terminal in its run: clicked, so focused and with the pointer resting on it (its scrollbar
  // shows, and hover is updated as the output scrolls under the pointer).
  await page.click(box.x, box.y);
  const cpuBefore = cpuByProcess();
  const t0 = performance.now();
  const MBps = await page.evaluate(
    async ([mb, chunkSize]) => {
      const term = window.__term;
      const line = 'The quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij\r\n';
      const chunk = line.repeat(Math.ceil(chunkSize / line.length)).slice(0, chunkSize);
      const n = Math.round((mb * 1048576) / chunkSize);
      const t = performance.now();
      // xterm drops writes beyond 50 MB queued: keep about 1 MB in flight, as a flow-controlled terminal does.
      let inFlight = 0;
      let wake = null;
      for (let i = 0; i < n; i++) {
        inFlight++;
        term.write(chunk, () => (inFlight--, inFlight <= 8 && wake?.()));
        if (inFlight >= 16) await new Promise((res) => (wake = res));
      }
      await new Promise((res) => term.write('', res));
      return (chunk.length * n) / 1048576 / ((performance.now() - t) / 1000);
    },
    [MB, CHUNK],
  );
  const cpuShares = cpuShare(cpuBefore, cpuByProcess(), performance.now() - t0);
  if (traced) await endTrace(page, traced, '.alone');
  page.close();
  return { MBps, cpuShares };
}

/** tejun's terminal options (terminalController.ts), in the grid of cells tejun's page fitted. */
function xtermOptions(size) {
  return {
    cols: size.cols,
    rows: size.rows,
    fontSize: 14,
    allowProposedApi: true,
    scrollback: 5000,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", "IPAGothic", "Noto Sans Mono CJK JP", monospace',
  };
}

/** BENCH_HOST_PROFILE: a JS CPU profile of this process (the tejun host) from now until the returned stop(). */
async function profileHost() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    return profile;
  };
}

/** BENCH_TRACE / BENCH_PAGE_PROFILE: start recording the page (a DevTools trace, a JS CPU profile). */
async function startTrace(page) {
  const traced = [];
  if (process.env.BENCH_PAGE_PROFILE) await page.send('Profiler.enable').then(() => page.send('Profiler.start'));
  if (process.env.BENCH_TRACE) {
    page.on('Tracing.dataCollected', (p) => traced.push(...p.value));
    await page.send('Tracing.start', {
      categories: process.env.BENCH_TRACE_CATS ?? 'devtools.timeline,toplevel,blink',
      transferMode: 'ReportEvents',
    });
  }
  return traced;
}

/** Stop what startTrace began and write it to the files named there, with `suffix`. */
async function endTrace(page, traced, suffix) {
  if (process.env.BENCH_TRACE) {
    const ended = new Promise((r) => page.on('Tracing.tracingComplete', r));
    await page.send('Tracing.end');
    await ended;
    writeFileSync(`${process.env.BENCH_TRACE}${suffix}`, JSON.stringify({ traceEvents: traced }));
  }
  if (process.env.BENCH_PAGE_PROFILE)
    writeFileSync(
      `${process.env.BENCH_PAGE_PROFILE}${suffix}`,
      JSON.stringify((await page.send('Profiler.stop')).profile),
    );
}

/** CPU time so far of every process on the machine, by kind (Linux: /proc); empty elsewhere. */
function cpuByProcess() {
  const ticks = new Map();
  if (!existsSync('/proc/self/stat')) return ticks;
  for (const pid of readdirSync('/proc').filter((d) => /^[0-9]+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1];
      const kind = type
        ? `chromium ${type === 'utility' && cmd.includes('network') ? 'network' : type}`
        : /chrom/.test(cmd)
          ? 'chromium browser'
          : pid === String(process.pid)
            ? 'tejun host + bench'
            : 'other';
      ticks.set(pid, { kind, ticks: Number(f[11]) + Number(f[12]) });
      // BENCH_THREADS: the renderer's threads too (its main thread against its compositor, IO, raster).
      if (process.env.BENCH_THREADS && kind === 'chromium renderer')
        for (const tid of readdirSync(`/proc/${pid}/task`)) {
          const st = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
          const comm = st.slice(st.indexOf('(') + 1, st.lastIndexOf(')'));
          const g = st.slice(st.lastIndexOf(')') + 2).split(' ');
          ticks.set(`${pid}/${tid}`, { kind: `  renderer thread ${comm}`, ticks: Number(g[11]) + Number(g[12]) });
        }
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks;
}

/** Each kind's share of one core over `ms` (100% = one core busy), largest first. */
function cpuShare(before, after, ms) {
  const hz = 100;
  const by = {};
  for (const [pid, { kind, ticks }] of after) by[kind] = (by[kind] ?? 0) + ticks - (before.get(pid)?.ticks ?? 0);
  return Object.entries(by)
    .filter(([, t]) => t > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, t]) => `${kind} ${Math.round((t / hz / (ms / 1000)) * 100)}%`)
    .join(', ');
}

const percentile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/**
 * Record, in the page, when each key goes down and when each WebSocket message arrives. Messages are only
 * looked at while a keystroke waits for its echo (`want`), so the probe costs nothing during throughput runs.
 */
const PROBE = () => {
  const w = window;
  w.__probe = { keys: [], sends: [], want: null, echoAt: null, arrived: null };
  addEventListener('keydown', () => w.__probe.keys.push(performance.now()), true);
  const Native = WebSocket;
  const utf8 = new TextDecoder();
  w.WebSocket = class extends Native {
    constructor(...a) {
      super(...a);
      // Only what a terminal prints counts: tejun's binary frames past their header ([type][id length][id]),
      // wetty's socket.io "data" events; not JSON events, whose words would match any letter.
      const text = (d) => {
        if (d instanceof ArrayBuffer) return utf8.decode(new Uint8Array(d).subarray(2 + new Uint8Array(d)[1]));
        if (typeof d !== 'string' || !d.startsWith('42[')) return '';
        const [event, payload] = JSON.parse(d.slice(2));
        return event === 'data' && typeof payload === 'string' ? payload : '';
      };
      this.addEventListener('message', (e) => {
        const p = w.__probe;
        if (p.want !== null && p.echoAt === null && text(e.data).includes(p.want)) {
          p.echoAt = performance.now();
          p.arrived();
        }
      });
    }
    send(d) {
      w.__probe.sends.push(performance.now());
      return super.send(d);
    }
  };
};

/** Press one key and wait for the message that echoes it: keydown → arrival, in the page's clock. */
async function oneEcho(page, ch) {
  const n = await page.evaluate((c) => {
    const p = window.__probe;
    p.sends = [];
    p.want = c;
    p.echoAt = null;
    p.echoed = new Promise((r) => (p.arrived = r));
    return p.keys.length;
  }, ch);
  await page.press(ch);
  // Asked after the echo is due: a DevTools call while it travels would itself hold the page's main thread.
  await sleep(ECHO_WAIT_MS);
  const [total, keyToSend] = await page.evaluate(async (k) => {
    const p = window.__probe;
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error('no echo within 10 s')), 10_000));
    await Promise.race([p.echoed, late]);
    p.want = null;
    return [p.echoAt - p.keys[k], p.sends[0] - p.keys[k]];
  }, n);
  return { total, keyToSend };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function echoLatency(page, focus, host = null) {
  await focus();
  await sleep(500);
  const lat = [];
  const hops = [];
  for (let i = 0; i < KEYS; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    if (host) for (const k of Object.keys(host)) host[k] = [];
    if (KEY_GAP_MS) await sleep(KEY_GAP_MS);
    const { total, keyToSend } = await oneEcho(page, ch);
    lat.push(total);
    if (host && host.in.length && host.read.length && host.send.length) {
      const inHost = host.send[0] - host.in[0];
      hops.push({
        keyToSend,
        hostToPty: host.write[0] - host.in[0],
        shellEcho: host.read[0] - host.write[0],
        ptyToSend: host.send[0] - host.read[0],
        wireBothWays: total - keyToSend - inHost,
      });
    }
    if (i % 50 === 49) await page.press('Control+U');
  }
  await page.press('Control+U');
  const hop = (name, q) =>
    Number(
      percentile(
        hops.map((h) => h[name]),
        q,
      ).toFixed(2),
    );
  const breakdown = hops.length
    ? Object.fromEntries(Object.keys(hops[0]).map((n) => [n, { p50: hop(n, 0.5), p99: hop(n, 0.99) }]))
    : null;
  return { p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), breakdown };
}

/** The streaming redactor over the file's first `limitMB` (a transcript's whole cost, in Node alone). */
async function redactionCost(file, limitMB = 20) {
  const { RedactingStream, Redactor } = await import(new URL('../out/cli/core.mjs', import.meta.url).href);
  const text = readFileSync(file, 'utf8').slice(0, limitMB * 1024 * 1024);
  const stream = new RedactingStream(new Redactor({ patterns: ['CUST-\\d{6}'] }), () => {});
  const start = performance.now();
  for (let i = 0; i < text.length; i += 64 * 1024) stream.write(text.slice(i, i + 64 * 1024));
  stream.end();
  const ms = performance.now() - start;
  return { ms, mb: text.length / 1024 / 1024 };
}

async function benchTejun(browser, file) {
  const { startWebHost, createCoreHost, FileSettingsStore } = await import(
    new URL('../out/cli/server.mjs', import.meta.url).href
  );
  const dataDir = mkdtempSync(join(work, 'data-'));
  const runbook = join(ROOT, 'runbooks', 'release-en.md');
  if (process.env.BENCH_RENDERER)
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ terminalRenderer: process.env.BENCH_RENDERER }));
  // The shells start with the bench's own HOME (no rc files of whoever runs it); npm keeps the real one.
  const realHome = process.env.HOME;
  process.env.HOME = home;
  process.env.SHELL = '/bin/bash';
  const core = createCoreHost({
    version: 'bench',
    transport: 'web',
    dataDir,
    settings: FileSettingsStore.inDataDir(dataDir),
    initialRunbookPath: runbook,
  });
  // Count what xterm has parsed: the renderer acknowledges in 100 KB steps after xterm's write callbacks.
  let acked = 0;
  let emitted = 0;
  let markAt = -1;
  let frames = 0;
  // Host-side hop times (the host runs in this process): input in → pty write → pty read → sent.
  const hops = { in: [], write: [], read: [], send: [] };
  const input = core.handlers['terminal:input'];
  core.handlers['terminal:input'] = (p, ctx) => (hops.in.push(performance.now()), input(p, ctx));
  const write = core.ptys.write.bind(core.ptys);
  core.ptys.write = (...a) => (write(...a), hops.write.push(performance.now()));
  const onOutput = core.ptys.onOutput.bind(core.ptys);
  core.ptys.onOutput = (...a) => (hops.read.push(performance.now()), onOutput(...a));
  const ack = core.handlers['terminal:ack'];
  core.handlers['terminal:ack'] = (p, ctx) => ((acked += p.chars), ack(p, ctx));
  const create = core.handlers['terminal:create'];
  core.handlers['terminal:create'] = (p, ctx) =>
    create(p, {
      ...ctx,
      // Output leaves the host as bytes (a binary frame per call); acknowledgements count bytes too.
      output: (id, bytes) => {
        hops.send.push(performance.now());
        emitted += bytes.length;
        frames++;
        if (markAt < 0 && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes('BENCH-DONE-42'))
          markAt = emitted;
        ctx.output(id, bytes);
      },
    });
  const host = await startWebHost({ core, staticDir: join(ROOT, 'out/renderer'), port: 0 });
  process.env.HOME = realHome;
  const page = await browser.open(host.url, { initScript: PROBE });
  const box = await page.waitFor(() => {
    const r = document.querySelector('[data-testid=terminal] .xterm-screen')?.getBoundingClientRect();
    return r && r.width > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
  });
  if (process.env.BENCH_CSS)
    await page.evaluate(
      (css) => (document.head.appendChild(document.createElement('style')).textContent = css),
      process.env.BENCH_CSS,
    );
  const click = () => page.click(box.x + box.width / 2, box.y + box.height / 2);
  await click();
  await sleep(800);
  const echo = await echoLatency(page, click, hops);
  // The grid the page fitted to its box (the pty has its size): xterm alone parses into the same one.
  const { proc } = [...core.ptys.terms.values()][0];
  const size = { width: Math.round(box.width), height: Math.round(box.height), cols: proc.cols, rows: proc.rows };
  const flowOf = () => {
    const [id, t] = [...core.ptys.terms.entries()][0];
    return core.ptys.unackedOf(t.owner, id);
  };
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (process.env.BENCH_FLOOD_DEBUG)
      console.log(`window before cat ${round + 1} (KB)`, Math.round(flowOf().window / 1024));
    await page.send('Page.bringToFront');
    await click();
    acked = 0;
    emitted = 0;
    markAt = -1;
    frames = 0;
    await page.type(`cat ${file}; echo BENCH-DONE-$((6*7))`);
    const traced = round === 0 ? await startTrace(page) : null;
    const hostProfile = round === 0 && process.env.BENCH_HOST_PROFILE ? await profileHost() : null;
    const start = performance.now();
    const cpuBefore = cpuByProcess();
    const cpu0 = process.cpuUsage();
    await page.press('Enter');
    while (markAt < 0 || acked < markAt - 100_000) await sleep(2);
    const ms = performance.now() - start;
    const cpuShares = cpuShare(cpuBefore, cpuByProcess(), ms);
    const cpu = process.cpuUsage(cpu0);
    if (traced) await endTrace(page, traced, '');
    if (hostProfile) writeFileSync(process.env.BENCH_HOST_PROFILE, JSON.stringify(await hostProfile()));
    rounds.push({
      ms,
      chars: markAt,
      MBps: markAt / 1048576 / (ms / 1000),
      hostCpuMsPerMB: (cpu.user + cpu.system) / 1000 / (markAt / 1048576),
      hostSysMsPerMB: cpu.system / 1000 / (markAt / 1048576),
      frameKB: markAt / frames / 1024,
      cpuShares,
    });
    // xterm alone right after, in the same browser: both figures of a round see the machine as it is then.
    const mc0 = process.cpuUsage();
    const minimalMBps = await minimalPipeline(browser, ROOT, file, size, xtermOptions(size));
    const mc = process.cpuUsage(mc0);
    Object.assign(rounds.at(-1), {
      minimalMBps,
      minimalCpuMsPerMB: (mc.user + mc.system) / 1000 / MB,
      minimalSysMsPerMB: mc.system / 1000 / MB,
    });
    const alone = await xtermCeiling(browser, size, round === 0);
    Object.assign(rounds.at(-1), { aloneMBps: alone.MBps, aloneCpuShares: alone.cpuShares });
  }
  await page.send('Page.bringToFront');
  await click();
  const flooded = await flood(page, FLOOD_S, process.env.BENCH_FLOOD_DEBUG ? flowOf : null);
  page.close();
  await host.close();
  return {
    rounds,
    echo,
    size,
    flooded,
  };
}

/**
 * `yes` for `seconds` in tejun's terminal. Meanwhile: a 1-s timer in the page that writes a node's text, as the
 * header clock does (the gap between its paints); a keystroke every 500 ms and the message that echoes it; host
 * RSS. Then the page's JS heap after a GC against before, and Ctrl+C until the screen shows ^C.
 */
async function flood(page, seconds, flowOf = null) {
  const heap0 = await page.heapAfterGc();
  const rss0 = process.memoryUsage().rss;
  await page.evaluate(() => {
    const el = document.body.appendChild(document.createElement('span'));
    window.__ticks = [];
    window.__ticker = setInterval(() => {
      el.textContent = new Date().toLocaleTimeString();
      requestAnimationFrame(() => window.__ticks.push(performance.now()));
    }, 1000);
  });
  await page.type('yes');
  await page.press('Enter');
  const until = performance.now() + seconds * 1000;
  const echoes = [];
  const windows = [];
  let rssMax = rss0;
  for (let i = 0; performance.now() < until; i++) {
    await sleep(500);
    // Not 'y': the flood is made of it.
    echoes.push((await oneEcho(page, 'abcdefghijklmnopqrstuvwx'[i % 24])).total);
    if (flowOf) windows.push(Math.round(flowOf().window / 1024));
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
  }
  if (flowOf)
    console.log('flood echoes (ms)', echoes.map((e) => e.toFixed(0)).join(' '), '\nwindows (KB)', windows.join(' '));
  const heap1 = await page.heapAfterGc();
  const k = await page.evaluate(() => window.__probe.keys.length);
  await page.press('Control+C');
  // Checked at every frame, in the page, until the screen shows ^C.
  const ctrlC = await page.evaluate(async (n) => {
    const rows = () => document.querySelector('[data-testid=terminal] .xterm-rows')?.textContent ?? '';
    const until = performance.now() + 30_000;
    while (!rows().includes('^C') && performance.now() < until) await new Promise(requestAnimationFrame);
    return performance.now() - window.__probe.keys[n];
  }, k);
  const ticks = await page.evaluate(() => (clearInterval(window.__ticker), window.__ticks));
  const gaps = ticks.slice(1).map((t, i) => t - ticks[i]);
  return {
    seconds,
    tickMaxMs: Math.max(...gaps),
    echoP50: percentile(echoes, 0.5),
    echoP99: percentile(echoes, 0.99),
    keys: echoes.length,
    ctrlCMs: ctrlC,
    rssGrowthMB: (rssMax - rss0) / 1048576,
    heapGrowthMB: (heap1 - heap0) / 1048576,
  };
}

async function ensureWetty() {
  const dir = join(ROOT, 'node_modules', '.cache', 'tejun-bench', 'wetty');
  const main = join(dir, 'node_modules', 'wetty', 'build', 'main.js');
  if (!existsSync(main)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"private":true}');
    console.log('installing wetty (the peer) into node_modules/.cache/tejun-bench …');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', 'wetty@3'], {
      cwd: dir,
      stdio: 'inherit',
    });
  }
  return main;
}

async function benchWetty(browser, file) {
  const main = await ensureWetty();
  const port = 30000 + Math.floor(Math.random() * 20000);
  const proc = spawn(
    process.execPath,
    [main, '--host', '127.0.0.1', '--port', String(port), '--command', 'bash', '--base', '/wetty/'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('wetty did not start')), 20000);
    const check = (d) => /listening|Server started|http/i.test(String(d)) && (clearTimeout(t), resolve());
    proc.stdout.on('data', check);
    proc.stderr.on('data', check);
  });
  const page = await browser.open(`http://127.0.0.1:${port}/wetty/`, { initScript: PROBE });
  await page.waitFor(() => window.wetty_term && window.wetty_term.buffer.active.length > 0, null, {
    timeoutMs: 20_000,
  });
  await sleep(1500);
  const focus = () => page.evaluate(() => window.wetty_term.focus());
  const echo = await echoLatency(page, focus);
  await focus();
  await page.type(`cat ${file}; echo BENCH-DONE-$((6*7))`);
  // Checked in the page every 5 ms, as before: the last 60 lines of wetty's buffer.
  const done = page.evaluate(async () => {
    const seen = () => {
      const b = window.wetty_term.buffer.active;
      for (let i = b.length - 1; i >= Math.max(0, b.length - 60); i--)
        if (b.getLine(i)?.translateToString(true) === 'BENCH-DONE-42') return true;
      return false;
    };
    const until = performance.now() + 600_000;
    while (!seen() && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
  });
  const start = performance.now();
  await page.press('Enter');
  await done;
  const ms = performance.now() - start;
  page.close();
  proc.kill('SIGKILL');
  return { ms, echo };
}

console.log(`tejun terminal benchmark: cat of a ${MB} MB text file, ${KEYS} keystrokes (this machine, now)`);
const file = await makeFile();
const r = await raw(file);
const rawMBps = r.chars / 1024 / 1024 / (r.ms / 1000);
console.log(
  `raw node-pty read:                ${rawMBps.toFixed(1).padStart(7)} MB/s  (${(r.ms / 1000).toFixed(2)} s)`,
);
const browser = await launchBare({ width: 1400, height: 900 });
const t = await benchTejun(browser, file);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const tejunMBps = median(t.rounds.map((x) => x.MBps));
const ceiling = median(t.rounds.map((x) => x.aloneMBps));
const ratio = median(t.rounds.map((x) => x.MBps / x.aloneMBps));
const minimal = median(t.rounds.map((x) => x.minimalMBps));
const vsMinimal = median(t.rounds.map((x) => x.MBps / x.minimalMBps));
const minimalVsAlone = median(t.rounds.map((x) => x.minimalMBps / x.aloneMBps));
const mid = t.rounds.find((x) => x.MBps === tejunMBps);
const list = (f) => t.rounds.map((x) => f(x).toFixed(1)).join(', ');
console.log(
  `xterm.js alone in this browser:   ${ceiling.toFixed(1).padStart(7)} MB/s  (median of ${list((x) => x.aloneMBps)}; the most any web terminal can show here; ${t.size.width}×${t.size.height} px, ${t.size.cols}×${t.size.rows} cells, DOM renderer, 64 KiB chunks)`,
);
console.log(
  `tejun pty→core→ws→xterm parsed:   ${tejunMBps.toFixed(1).padStart(7)} MB/s  (median of ${list((x) => x.MBps)})  = ${((tejunMBps / rawMBps) * 100).toFixed(0)}% of raw; host CPU ${mid.hostCpuMsPerMB.toFixed(1)} ms per MB, frames of ${mid.frameKB.toFixed(0)} KB on average`,
);
console.log(
  `pty→WebSocket→xterm, nothing else: ${minimal.toFixed(1).padStart(7)} MB/s  (median of ${list((x) => x.minimalMBps)}; scripts/minimal-web-terminal.mjs: the same pty, frames and flow control, no app) = ${minimalVsAlone.toFixed(2)} × xterm alone`,
);
console.log(
  `tejun ÷ xterm alone, round by round: ${t.rounds.map((x) => (x.MBps / x.aloneMBps).toFixed(2)).join(', ')}  → median ${ratio.toFixed(2)}`,
);
console.log(
  `tejun ÷ pty→WebSocket→xterm, round by round: ${t.rounds.map((x) => (x.MBps / x.minimalMBps).toFixed(2)).join(', ')}  → median ${vsMinimal.toFixed(2)}`,
);
console.log(
  `  host CPU per MB (of it in the kernel): tejun ${mid.hostCpuMsPerMB.toFixed(1)} (${mid.hostSysMsPerMB.toFixed(1)}) ms, pty→WebSocket→xterm ${mid.minimalCpuMsPerMB.toFixed(1)} (${mid.minimalSysMsPerMB.toFixed(1)}) ms`,
);
if (mid.cpuShares) console.log(`  CPU meanwhile (2 cores = 200%): ${mid.cpuShares}`);
if (mid.aloneCpuShares) console.log(`  CPU while xterm alone parsed:  ${mid.aloneCpuShares}`);
const red = await redactionCost(file);
const redactMBps = red.mb / (red.ms / 1000);
const redactMsPerMB = red.ms / red.mb;
console.log(
  `transcript redaction (Node):      ${redactMBps.toFixed(1).padStart(7)} MB/s  (${redactMsPerMB.toFixed(1)} ms per MB; at tejun's rate that is ${((redactMsPerMB / (1000 / tejunMBps)) * 100).toFixed(0)}% more host CPU per MB)`,
);
let w = null;
try {
  if (process.env.BENCH_WETTY !== '0') w = await benchWetty(browser, file);
} catch (err) {
  console.log(`wetty could not be measured: ${err.message}`);
}
const wettyMBps = w ? mid.chars / 1024 / 1024 / (w.ms / 1000) : null;
if (w)
  console.log(
    `wetty (socket.io) xterm parsed:   ${wettyMBps.toFixed(1).padStart(7)} MB/s  (${(w.ms / 1000).toFixed(2)} s)  tejun/wetty = ×${(tejunMBps / wettyMBps).toFixed(2)}`,
  );
if (t.echo.breakdown) {
  const b = t.echo.breakdown;
  const f = (h) => `${h.p50}/${h.p99}`;
  console.log(
    `echo hops tejun (p50/p99 ms): keydown→send ${f(b.keyToSend)} · host→pty write ${f(b.hostToPty)} · pty write→pty read (the shell's echo) ${f(b.shellEcho)} · pty read→send ${f(b.ptyToSend)} · wire both ways + page dispatch ${f(b.wireBothWays)}`,
  );
}
console.log(
  `echo latency tejun: p50 ${t.echo.p50.toFixed(2)} ms, p99 ${t.echo.p99.toFixed(2)} ms${w ? `;  wetty: p50 ${w.echo.p50.toFixed(2)} ms, p99 ${w.echo.p99.toFixed(2)} ms` : ''}`,
);
const fl = t.flooded;
console.log(
  `flood (yes, ${fl.seconds} s): clock tick max ${fl.tickMaxMs.toFixed(0)} ms · echo p50 ${fl.echoP50.toFixed(1)} / p99 ${fl.echoP99.toFixed(1)} ms (${fl.keys} keys) · Ctrl+C shown after ${fl.ctrlCMs.toFixed(0)} ms · host RSS +${fl.rssGrowthMB.toFixed(1)} MB · page heap +${fl.heapGrowthMB.toFixed(1)} MB`,
);
browser.close();
console.log(
  JSON.stringify({
    rawMBps: Number(rawMBps.toFixed(1)),
    tejunMBps: Number(tejunMBps.toFixed(1)),
    wettyMBps: wettyMBps === null ? null : Number(wettyMBps.toFixed(1)),
    xtermAloneMBps: Number(ceiling.toFixed(1)),
    hostCpuMsPerMB: Number(mid.hostCpuMsPerMB.toFixed(1)),
    tejunVsRaw: Number((tejunMBps / rawMBps).toFixed(2)),
    tejunVsXtermAlone: Number(ratio.toFixed(2)),
    minimalPipelineMBps: Number(minimal.toFixed(1)),
    tejunVsMinimalPipeline: Number(vsMinimal.toFixed(2)),
    minimalPipelineVsXtermAlone: Number(minimalVsAlone.toFixed(2)),
    rounds: t.rounds.length,
    tejunVsWetty: wettyMBps === null ? null : Number((tejunMBps / wettyMBps).toFixed(2)),
    redactMBps: Number(redactMBps.toFixed(1)),
    redactMsPerMB: Number(redactMsPerMB.toFixed(1)),
    echoP50Ms: Number(t.echo.p50.toFixed(2)),
    echoP99Ms: Number(t.echo.p99.toFixed(2)),
    wettyEchoP50Ms: w ? Number(w.echo.p50.toFixed(2)) : null,
    wettyEchoP99Ms: w ? Number(w.echo.p99.toFixed(2)) : null,
    echoHopsMs: t.echo.breakdown,
    floodSeconds: fl.seconds,
    floodTickMaxMs: Number(fl.tickMaxMs.toFixed(0)),
    floodEchoP99Ms: Number(fl.echoP99.toFixed(1)),
    floodCtrlCMs: Number(fl.ctrlCMs.toFixed(0)),
    floodHostRssGrowthMB: Number(fl.rssGrowthMB.toFixed(1)),
    floodHeapGrowthMB: Number(fl.heapGrowthMB.toFixed(1)),
  }),
);
process.exit(0);
