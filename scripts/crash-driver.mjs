// The crash torture: a driver sends events to a real `tejun serve` over its real WebSocket API and
// SIGKILLs the host at random moments. After each restart, every event the driver saw acknowledged
// must be there, in order; nothing the driver did not send may appear; the chain must verify.
// Used by src/core/session/crash.test.ts (50 kills) and `npm run torture:crash` (more).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const core = () => import(new URL('../out/cli/core.mjs', import.meta.url).href);
const SAMPLE = join(ROOT, 'runbooks', 'release-en.md');

function startHost(dataDir, home) {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/tejun.mjs'), 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOME: home, SHELL: '/bin/sh' },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]+))/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, port: Number(m[2]), token: m[3] });
      }
    });
    proc.stderr.on('data', (d) => (out += d));
    proc.once('exit', (code) => reject(new Error(`host exited ${code}:\n${out}`)));
  });
}

function connect({ port, token }) {
  const protocols = ['tejun', `tejun.token.${token}`];
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, protocols, {
    headers: { Origin: `http://127.0.0.1:${port}` },
  });
  let next = 1;
  const pending = new Map();
  ws.on('message', (d) => {
    const msg = JSON.parse(String(d));
    const p = msg.id !== undefined && pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.reply.ok) p.resolve(msg.reply.result);
    else p.reject(new Error(`${msg.reply.error.code}: ${msg.reply.error.message}`));
  });
  const closed = new Promise((r) => ws.once('close', r));
  ws.on('close', () => {
    for (const p of pending.values()) p.reject(new Error('connection closed'));
    pending.clear();
  });
  ws.on('error', () => {});
  const ready = new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const invoke = (channel, params) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, channel, params }), (err) => err && reject(err));
    });
  return { ready, invoke, close: () => ws.terminate(), closed };
}

/**
 * @param {{ kills: number, log?: (s: string) => void, seed?: number }} opts
 * @returns {Promise<{ kills: number, acked: number, sent: number, problems: string[] }>}
 */
export async function torture({ kills, log = () => {}, seed = Date.now() }) {
  let rnd = seed >>> 0;
  const random = () => (rnd = (rnd * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const dataDir = mkdtempSync(join(tmpdir(), 'tejun-crash-'));
  const home = mkdtempSync(join(tmpdir(), 'tejun-crash-home-'));
  const sent = [];
  const acked = new Set();
  const problems = [];
  let sessionId = null;

  for (let round = 0; round <= kills; round++) {
    const dbg = process.env.TORTURE_DEBUG ? (s) => console.error(`[round ${round}] ${s}`) : () => {};
    dbg('starting host');
    const host = await startHost(dataDir, home);
    dbg('host up');
    const api = connect(host);
    await api.ready;
    if (!sessionId) {
      const doc = await api.invoke('runbook:openPath', { path: SAMPLE });
      const view = await api.invoke('session:create', { runbookSha256: doc.sha256 });
      sessionId = view.sessionId;
      await api.invoke('session:command', { sessionId, command: { type: 'preflight-start' } });
      await api.invoke('session:command', {
        sessionId,
        command: { type: 'go-decision', decision: 'go', by: 'driver', reason: '' },
      });
    }
    // After each restart: what was acknowledged is there, in order, and nothing else appeared.
    dbg('opening session');
    const view = await api.invoke('session:open', { sessionId });
    dbg('opened');
    // Read what is on disk ourselves, and fold it ourselves: the host's state must equal it.
    const { readJournal, replay, indexSteps } = await core();
    const dir = join(dataDir, 'sessions', sessionId);
    const journal = await readJournal(dir);
    const notes = journal.entries.filter((e) => e.event.type === 'note').map((e) => e.event.text);
    const expected = replay(journal.entries, indexSteps(view.doc.model)).state;
    if (JSON.stringify(expected) !== JSON.stringify(view.state))
      problems.push(`round ${round}: the host's replayed state differs from the fold of the journal on disk`);
    if (journal.problems.some((p) => p.kind !== 'torn-tail'))
      problems.push(`round ${round}: ${journal.problems.map((p) => p.message).join('; ')}`);
    const ackedInOrder = sent.filter((t) => acked.has(t));
    const seen = notes.filter((t) => acked.has(t));
    if (JSON.stringify(seen) !== JSON.stringify(ackedInOrder))
      problems.push(
        `round ${round}: acknowledged notes missing or out of order (${ackedInOrder.length} acked, ${seen.length} found)`,
      );
    const unknown = notes.filter((t) => !sent.includes(t));
    if (unknown.length) problems.push(`round ${round}: notes the driver never sent: ${unknown.slice(0, 3).join(', ')}`);
    const order = notes.map((t) => sent.indexOf(t));
    if (order.some((v, i) => i > 0 && v < order[i - 1])) problems.push(`round ${round}: notes out of send order`);
    if (view.readOnly) problems.push(`round ${round}: session opened read-only: ${view.problems.join('; ')}`);
    if (view.state.lifecycle !== 'running')
      problems.push(`round ${round}: lifecycle ${view.state.lifecycle}, expected running`);
    // Anything written but never acknowledged is allowed to be there or not; mark it settled either way.
    for (const t of notes) acked.add(t);
    if (round === kills) {
      api.close();
      host.proc.kill('SIGKILL');
      break;
    }
    // Send with up to 8 in flight, and SIGKILL the host at a random moment.
    let stop = false;
    const senders = Array.from({ length: 1 + Math.floor(random() * 8) }, async (_, w) => {
      for (let k = 0; !stop; k++) {
        const text = `r${round}-w${w}-${k}`;
        sent.push(text);
        try {
          await api.invoke('session:command', { sessionId, command: { type: 'note', text, by: 'driver' } });
          acked.add(text);
        } catch {
          return;
        }
      }
    });
    await new Promise((r) => setTimeout(r, 10 + random() * 150));
    host.proc.kill('SIGKILL');
    stop = true;
    await Promise.all(senders);
    // Killed by a signal, exitCode stays null: signalCode says it has gone.
    await new Promise((r) =>
      host.proc.exitCode !== null || host.proc.signalCode !== null ? r() : host.proc.once('exit', r),
    );
    api.close();
    log(`kill ${round + 1}/${kills}: ${acked.size} acknowledged so far`);
  }
  return { kills, acked: acked.size, sent: sent.length, problems, dataDir, sessionId };
}
