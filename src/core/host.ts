// The core host: the contract's handlers over real parts (files, ptys, settings). Both transports serve
// exactly this object; what differs between the desktop app and the web host is passed in as deps.
import { Buffer } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { AppInfo, Emit, Handlers } from '../shared/contract';
import { TejunError } from '../shared/errors';
import { translate } from '../shared/i18n';
import type { RunbookDoc } from '../shared/runbook';
import { rememberRunbook } from '../shared/settings';
import { describeRunbook, readRunbookFile } from './runbook/load';
import { SessionStore, type OpenSession } from './session/sessions';
import { confirmationReason, findStepCommand, refuseUnresolved, renderStepCommand } from './session/stepCommands';
import { compareOutput } from './terminal/compare';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SettingsStore } from './settings/settingsStore';
import { evidenceHandlers } from './evidence/handlers';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { PLAN_READ, readRegularFile } from './files';
import { Uploads } from './uploads';
import { redlineHandlers } from './evidence/redlineHandlers';
import { allSteps } from '../shared/model';
import { DEFAULT_PLAN, parsePlan, type RehearsalPlan } from './rehearsal/plan';
import {
  answerProbe,
  clearProbe,
  drainBlocked,
  drainShimLog,
  isolationEvent,
  markCurrent,
  prepareSandbox,
  readFaults,
  rehearsalCommand,
  setFault,
  shellWrap,
  type Sandbox,
} from './rehearsal/sandbox';
import { rehearsalComparison, summarizeShims } from './rehearsal/verdict';
import { heldBySandbox } from './rehearsal/isolation';
import { stripPrompts } from './runbook/prompts';
import { PtyHost } from './terminal/ptyHost';
import { TerminalWindows } from './terminal/terminalWindows';
import { DETACHED_GRACE_MS, handOver, reattach as reattachShell, windowHandlers } from './terminal/windowHandlers';
import type { FinishedCommand } from './terminal/commandTracker';
import {
  mismatchMessage,
  PROBES,
  probeAnswer,
  ProbeWaits,
  probeTimeoutMessage,
  sameTarget,
  type Mismatch,
} from './terminal/targetProbe';
import type { Step } from '../shared/model';
import { silentLog, type Log } from './log';
import { guard, type RemoteCaller } from './review/guard';
import { Invites, type Person } from './review/invites';
import { createReview, leftEvent, type OpenListener } from './review/handlers';
import { fourEyesGate } from './review/gate';
import { createMirror } from './review/mirror';

export interface ClientCtx {
  clientId: string;
  emit: Emit;
  /** Someone who came through an invite (their role, their key); absent for the operator at the host. */
  remote?: RemoteCaller;
  /** Terminal output as bytes (a binary frame on the socket, a Uint8Array over IPC); else a `terminal:data` event. */
  output?: (id: string, bytes: Uint8Array) => void;
}

export interface CoreDeps {
  version: string;
  transport: AppInfo['transport'];
  dataDir: string;
  settings: SettingsStore;
  /** The native file dialog, where there is one. Resolves to a path or null when cancelled. */
  pickFile?: (ctx: ClientCtx) => Promise<string | null>;
  /** The runbook named on the command line. */
  initialRunbookPath?: string;
  /** How long a detached shell waits before the start screen lists it (default 30 s, or $TEJUN_DETACHED_GRACE_MS). */
  detachedGraceMs?: number;
  /** `tejun rehearse`: start straight into a rehearsal at this speed, with this plan file. */
  rehearsal?: { speed: number; plan?: string };
  /** The desktop app keeps each person's key passphrase sealed by the OS keychain (safeStorage). */
  sealedPassphrase?: (name: string) => Promise<string>;
  /** The desktop app prints with Electron's printToPDF; elsewhere a headless Chromium prints. */
  printPdf?: (html: string) => Promise<Uint8Array>;
  /** The host's log (<dataDir>/logs/tejun.log); none in tests that do not look at it. */
  log?: Log;
  /** Starts the invite listener (server/invite.ts); without it, inviting is refused as unsupported. */
  openListener?: OpenListener;
}

export interface CoreHost {
  handlers: Handlers<ClientCtx>;
  /** A window closed or a socket went away: end everything that client owned. */
  disconnect(clientId: string): void;
  dispose(): void;
  readonly ptys: PtyHost;
  readonly sessions: SessionStore;
  readonly log: Log;
  /** Invites and the people who joined (the invite listener admits sockets by them). */
  readonly invites: Invites;
}

/** Runbooks opened recently, by SHA-256, so a session can start on exactly the bytes the operator saw. */
const OPENED_LIMIT = 8;

export function createCoreHost(deps: CoreDeps): CoreHost {
  const log = deps.log ?? silentLog();
  const ptys = new PtyHost({ onError: (err, what) => log.error({ err }, what) });
  const sessions = new SessionStore(deps.dataDir, Date.now, log);
  const uploads = new Uploads();
  const opened = new Map<string, { bytes: Uint8Array; name: string }>();
  // Which clients watch which session, so each hears the state after every recorded event.
  const watchers = new Map<string, Map<string, ClientCtx>>();
  const watched = new WeakSet<OpenSession>();
  // The second pair of eyes: invites, who is online (by client id), and the mirror of the session's terminals.
  const invites = new Invites();
  const online = new Map<string, Person>();
  const mirrors = createMirror((session, id, data) => {
    const remote = [...(watchers.get(session.id)?.values() ?? [])].filter((c) => c.remote);
    for (const c of remote) c.emit('terminal:data', { id, data });
    return remote.length > 0;
  });
  // Output arrives as bytes; a character cut between two reads waits in its terminal's decoder.
  const mirrorText = new Map<string, TextDecoder>();
  const mirror = (id: string, bytes: Uint8Array): void => {
    const s = terminalSession.get(id);
    if (!s) return;
    let d = mirrorText.get(id);
    if (!d) mirrorText.set(id, (d = new TextDecoder()));
    mirrors.write(id, s, d.decode(bytes, { stream: true }));
  };

  const remember = (doc: RunbookDoc, bytes: Uint8Array): RunbookDoc => {
    opened.delete(doc.sha256);
    opened.set(doc.sha256, { bytes, name: doc.name });
    while (opened.size > OPENED_LIMIT) opened.delete(opened.keys().next().value!);
    return doc;
  };

  // A rehearsal session's sandbox (shims, inert environment), made when the session is first used here.
  const sandboxes = new Map<string, Sandbox>();
  const sandboxOf = (session: OpenSession): Sandbox | null => {
    if (!session.state.rehearsal) return null;
    let sb = sandboxes.get(session.id);
    if (!sb) {
      const planFile = join(session.dir, 'rehearsal-plan.yaml');
      const plan = existsSync(planFile)
        ? parsePlan(readFileSync(planFile, 'utf8'), planFile)
        : { ...DEFAULT_PLAN, speed: session.state.speed as RehearsalPlan['speed'] };
      sb = prepareSandbox(session.dir, session.doc.model, plan);
      sandboxes.set(session.id, sb);
      // What isolates this host's rehearsal shells goes on record (the badge and the report read it).
      if (!session.readOnly && session.state.isolation?.kind !== sb.isolation.kind)
        void session.record(isolationEvent(sb));
    }
    return sb;
  };

  // Which session each terminal belongs to, and the step command it was asked to run.
  const terminalSession = new Map<string, OpenSession>();
  const pendingRuns = new Map<string, { stepId: string; commandId: string; text: string; runId: string | null }>();
  // A closed terminal reports nothing more (no exit either): what core kept about it goes with it.
  const probes = new ProbeWaits<FinishedCommand>();
  // Which windows each terminal's output goes to (none while it is detached), and which one types.
  const windows = new TerminalWindows();
  // To a client without a byte channel, output as text: decoded per terminal, a character cut between frames whole.
  const textDecoders = new Map<string, InstanceType<typeof TextDecoder>>();
  const sendOutput = (ctx: ClientCtx, id: string, bytes: Uint8Array): void => {
    if (ctx.output) return ctx.output(id, bytes);
    let d = textDecoders.get(id);
    if (!d) textDecoders.set(id, (d = new TextDecoder()));
    ctx.emit('terminal:data', { id, data: d.decode(bytes, { stream: true }) });
  };
  const forget = (id: string): void => {
    textDecoders.delete(id);
    terminalSession.delete(id);
    pendingRuns.delete(id);
    probes.cancel(id);
    windows.forget(id);
    mirrors.forget(id);
    mirrorText.delete(id);
  };
  const windowDeps = {
    ptys,
    windows,
    forget,
    graceMs: deps.detachedGraceMs ?? (Number(process.env.TEJUN_DETACHED_GRACE_MS) || DETACHED_GRACE_MS),
    sessionOf: (id: string) => {
      const s = terminalSession.get(id);
      return s ? { id: s.id, title: s.doc.model.title } : null;
    },
    runningStep: (id: string) => {
      const run = pendingRuns.get(id);
      const s = terminalSession.get(id);
      return run && s ? findStepCommand(s, run.stepId, run.commandId).step.title : null;
    },
  };

  // A probe goes to the terminal like any command, so it runs in the very shell the step's command will.
  const runProbe = (clientId: string, terminalId: string, command: string): Promise<FinishedCommand | null> => {
    const integration = ptys.integration(clientId, terminalId);
    if (integration === 'active' || integration === 'pending') {
      const done = probes.wait(terminalId, null);
      ptys.paste(clientId, terminalId, command, true);
      return done;
    }
    const runId = `p${randomBytes(4).toString('hex')}`;
    const done = probes.wait(terminalId, runId);
    ptys.runMarked(clientId, terminalId, runId, command);
    return done;
  };

  /** Probe each target the step names, journal what the terminal answered, refuse on a mismatch not overridden. */
  const checkTargets = async (
    session: OpenSession,
    step: Step,
    terminalId: string,
    clientId: string,
  ): Promise<void> => {
    if (!step.targets.length) return;
    const lang = session.doc.model.language;
    if (terminalSession.get(terminalId) !== session)
      throw new TejunError(
        'TERMINAL_NOT_FOUND',
        `Terminal ${terminalId} does not belong to this session; run the command in the session's terminal.`,
      );
    const sandbox = sandboxOf(session);
    const found: Mismatch[] = [];
    for (const t of step.targets) {
      const probe = PROBES[t.kind];
      if (sandbox) answerProbe(sandbox, probe.tool, t.value);
      const f = await runProbe(clientId, terminalId, probe.command);
      if (sandbox) clearProbe(sandbox);
      if (!f) throw new TejunError('TARGET_MISMATCH', probeTimeoutMessage(t.kind, lang));
      const actual = probeAnswer(f.output, f.exitCode);
      const ok = sameTarget(t.kind, t.value, actual);
      await session.record({
        type: 'target-probed',
        stepId: step.id,
        terminal: terminalId,
        kind: t.kind,
        command: probe.command,
        expected: t.value,
        actual,
        exitCode: f.exitCode,
        ok,
      });
      const overridden = session.state.targetOverrides.some(
        (o) => o.stepId === step.id && o.kind === t.kind && o.expected === t.value && o.actual === actual,
      );
      if (!ok && !overridden) found.push({ kind: t.kind, expected: t.value, actual });
    }
    if (found.length)
      throw new TejunError('TARGET_MISMATCH', mismatchMessage(found, lang), {
        field: found.map((m) => m.kind).join(','),
      });
  };

  const watch = (session: OpenSession, ctx: ClientCtx): OpenSession => {
    const set = watchers.get(session.id) ?? new Map<string, ClientCtx>();
    watchers.set(session.id, set);
    set.set(ctx.clientId, ctx);
    if (!watched.has(session)) {
      watched.add(session);
      session.onChange((s) => {
        const payload = { sessionId: s.id, state: s.state, lost: s.lost };
        for (const c of watchers.get(s.id)?.values() ?? []) c.emit('session:state', payload);
      });
      session.startTimers();
    }
    return session;
  };

  const openPath = async (path: string): Promise<RunbookDoc> => {
    const { doc, bytes } = await readRunbookFile(path, true);
    remember(doc, bytes);
    const s = deps.settings.get();
    deps.settings.update({
      recentRunbooks: rememberRunbook(s.recentRunbooks, doc.path ?? path, doc.title, new Date()),
    });
    return doc;
  };

  const review = createReview({ sessions, invites, ptys, watch, online, openListener: deps.openListener });
  const handlers: Handlers<ClientCtx> = {
    'app:info': () => ({
      version: deps.version,
      transport: deps.transport,
      canPickFile: deps.pickFile !== undefined,
      rehearsal: deps.rehearsal ? { speed: deps.rehearsal.speed } : null,
      platform: process.platform,
      dataDir: deps.dataDir,
      keyProtection: deps.sealedPassphrase ? ('os' as const) : ('passphrase' as const),
    }),
    'settings:get': () => deps.settings.get(),
    'settings:update': (patch) => deps.settings.update(patch),
    'runbook:current': async () => (deps.initialRunbookPath ? openPath(deps.initialRunbookPath) : null),
    'runbook:openPath': ({ path }) => openPath(path),
    'runbook:openBytes': ({ name, base64 }) => {
      const bytes = Buffer.from(base64, 'base64');
      return remember(describeRunbook(bytes, name), bytes);
    },
    'runbook:pick': async (_p, ctx) => {
      if (!deps.pickFile)
        throw new TejunError(
          'UNSUPPORTED',
          'This host has no file dialog. Use the file picker or drop the runbook onto the window.',
        );
      const path = await deps.pickFile(ctx);
      return path ? openPath(path) : null;
    },
    'terminal:create': async ({ cols, rows, sessionId, name, reattach }, ctx) => {
      const session = sessionId ? await sessions.get(sessionId) : null;
      // A reloaded, reopened or second window of the session gets its shell back (the one running, with its output).
      const again = session && reattach ? reattachShell(windowDeps, session.id, name, ctx) : null;
      if (again) {
        ptys.resize(ctx.clientId, again.id, cols, rows);
        return again;
      }
      const created = ptys.create(
        ctx.clientId,
        cols,
        rows,
        {
          // To whichever window holds the terminal now (none while it is detached).
          data: (id, bytes) => {
            for (const to of windows.all(id)) sendOutput(to, id, bytes);
            mirror(id, bytes);
          },
          exit: (id, exitCode, signal) => {
            for (const to of windows.all(id)) to.emit('terminal:exit', { id, exitCode, signal });
            forget(id);
          },
          status: (id, integration, detail) => {
            for (const to of windows.all(id)) to.emit('terminal:status', { id, integration, detail });
          },
          command: (id, f, transcript) => {
            const s = terminalSession.get(id);
            if (!s || s.readOnly) return;
            // In a rehearsal, what the shims answered during this command goes into the journal first.
            const sb = sandboxOf(s);
            const calls = sb ? drainShimLog(sb) : [];
            for (const call of calls) void s.record(call);
            if (probes.take(id, f)) return;
            const pending = pendingRuns.get(id);
            const ran = pending && (f.runId === null || f.runId === pending.runId) ? pending : null;
            if (sb) for (const b of drainBlocked(sb, ran?.stepId ?? null, ran?.commandId ?? null)) void s.record(b);
            if (pending && (f.runId === null || f.runId === pending.runId)) {
              pendingRuns.delete(id);
              const { step, command } = findStepCommand(s, pending.stepId, pending.commandId);
              const comparison = sb
                ? rehearsalComparison(step, command, f.output, f.exitCode, summarizeShims(calls))
                : compareOutput(step, command, f.output, f.exitCode);
              void s.record({
                type: 'command-run',
                stepId: step.id,
                commandId: command.id,
                terminal: id,
                text: pending.text,
                startedAt: f.startedAt,
                endedAt: f.endedAt,
                exitCode: f.exitCode,
                output: f.output,
                outputChars: f.outputChars,
                truncated: f.truncated,
                transcript,
                comparison,
              });
            } else {
              void s.record({
                type: 'shell-command',
                terminal: id,
                commandLine: f.commandLine.slice(0, 4000),
                startedAt: f.startedAt,
                endedAt: f.endedAt,
                exitCode: f.exitCode,
                output: f.output.slice(-4096),
                truncated: f.truncated || f.output.length > 4096,
                transcript,
              });
            }
          },
        },
        {
          ...(session && !session.readOnly
            ? { transcriptDir: join(session.dir, 'terminals'), redactor: () => session.secrets.redactor() }
            : {}),
          ...(name ? { name } : {}),
          ...(session && !session.readOnly ? { group: session.id } : {}),
          // A rehearsal terminal: shims first on PATH, production settings inert.
          // Inside the OS sandbox where there is one.
          ...(session && sandboxOf(session)
            ? { env: sandboxOf(session)!.env, wrap: shellWrap(sandboxOf(session)!) }
            : {}),
        },
      );
      if (session) terminalSession.set(created.id, session);
      windows.hold(created.id, ctx);
      return created;
    },
    'terminal:ack': ({ id, chars }, ctx) => {
      ptys.ack(ctx.clientId, id, chars);
      return null;
    },
    'step:render': async ({ sessionId, stepId, commandId }) => {
      const r = renderStepCommand(await sessions.get(sessionId), stepId, commandId);
      return { text: r.text, unresolved: r.unresolved };
    },
    ...evidenceHandlers({
      sessions,
      dataDir: deps.dataDir,
      sealedPassphrase: deps.sealedPassphrase,
      printPdf: deps.printPdf,
      uploaded: (id) => uploads.bytes(id),
      warn: (message) => log.warn({ what: 'key permissions' }, message),
    }),
    'upload:begin': ({ size, sha256 }, ctx) => ({ uploadId: uploads.begin(ctx.clientId, size, sha256) }),
    'upload:chunk': ({ uploadId, offset, base64 }, ctx) => ({
      received: uploads.chunk(ctx.clientId, uploadId, offset, Buffer.from(base64, 'base64')),
    }),
    'upload:end': ({ uploadId }, ctx) => uploads.end(ctx.clientId, uploadId),
    ...redlineHandlers({ sessions, dataDir: deps.dataDir }),
    'step:run': async ({ sessionId, stepId, commandId, terminalId, mode, confirmed }, ctx) => {
      const session = await sessions.get(sessionId);
      const lang = session.doc.model.language;
      const rendered = renderStepCommand(session, stepId, commandId);
      if (rendered.unresolved.length) refuseUnresolved(rendered.unresolved, lang);
      // A `$ ` prompt the parser left in the command would make it exit 127.
      rendered.text = stripPrompts(rendered.text);
      const sandbox = sandboxOf(session);
      if (sandbox) markCurrent(sandbox, stepId, commandId);
      // In a rehearsal, files the command writes land under the rehearsal's own root.
      const r = sandbox ? { ...rendered, text: rehearsalCommand(rendered.text, sandbox) } : rendered;
      // The right command on the right target: probed before the confirmation and again before the confirmed Run,
      // since the operator may switch contexts in between.
      await checkTargets(session, r.step, terminalId, ctx.clientId);
      // Four eyes: only the exact text a checker confirmed runs (pasting it would let Enter bypass them).
      await fourEyesGate(session, r.step, commandId, r.text, deps.settings.get().operatorName || 'operator');
      if (mode === 'run') {
        // A rehearsal command that would slip past the shims is never run without a second look,
        // unless an OS sandbox holds the shell.
        const flagged = sandbox?.flags[commandId];
        const bypass = flagged && !heldBySandbox(sandbox.isolation, flagged) ? flagged : undefined;
        if (bypass && !confirmed)
          throw new TejunError(
            'CONFIRMATION_REQUIRED',
            translate(lang, 'confirm.shimBypass', {
              what: bypass.map((b) => b.what).join(translate(lang, 'refuse.names')),
            }),
          );
        const why = confirmed ? null : confirmationReason(r.step, r.command, lang);
        if (why) throw new TejunError('CONFIRMATION_REQUIRED', why);
        if (terminalSession.get(terminalId) !== session)
          throw new TejunError(
            'TERMINAL_NOT_FOUND',
            `Terminal ${terminalId} does not belong to this session; run the command in the session's terminal.`,
          );
        const integration = ptys.integration(ctx.clientId, terminalId);
        if (integration === 'active' || integration === 'pending') {
          pendingRuns.set(terminalId, { stepId, commandId, text: r.text, runId: null });
          ptys.paste(ctx.clientId, terminalId, r.text.replace(/\n+$/, ''), true);
          return { text: r.text, mode: 'run' as const };
        }
        const runId = `r${randomBytes(4).toString('hex')}`;
        pendingRuns.set(terminalId, { stepId, commandId, text: r.text, runId });
        ptys.runMarked(ctx.clientId, terminalId, runId, r.text);
        return { text: r.text, mode: 'marked' as const };
      }
      ptys.paste(ctx.clientId, terminalId, r.text.replace(/\n+$/, ''), false);
      return { text: r.text, mode: 'paste' as const };
    },
    'terminal:input': ({ id, data }, ctx) => {
      ptys.write(ctx.clientId, id, data);
      return null;
    },
    'terminal:resize': ({ id, cols, rows }, ctx) => {
      ptys.resize(ctx.clientId, id, cols, rows);
      return null;
    },
    ...windowHandlers(windowDeps),
    'terminal:close': ({ id }, ctx) => {
      ptys.close(ctx.clientId, id);
      forget(id);
      return null;
    },
    'session:list': () => sessions.list(),
    'session:create': async ({ runbookSha256, rehearsal, speed }, ctx) => {
      const rb = opened.get(runbookSha256);
      if (!rb)
        throw new TejunError(
          'NOT_FOUND',
          'That runbook is no longer open in this host. Open the file again, then start the session.',
        );
      const operator = deps.settings.get().operatorName || 'operator';
      const session = await sessions.create(rb.bytes, rb.name, { rehearsal, speed: rehearsal ? speed : 1, operator });
      if (rehearsal && deps.rehearsal?.plan) {
        writeFileSync(join(session.dir, 'rehearsal-plan.yaml'), await readRegularFile(deps.rehearsal.plan, PLAN_READ), {
          mode: 0o600,
        });
      }
      sandboxOf(session);
      return watch(session, ctx).view();
    },
    'rehearsal:info': async ({ sessionId }) => {
      const session = await sessions.get(sessionId);
      const sb = sandboxOf(session);
      if (!sb) throw new TejunError('UNSUPPORTED', 'This is not a rehearsal session.');
      return { flags: sb.flags, tools: sb.tools, faults: readFaults(sb) };
    },
    'rehearsal:fault': async ({ sessionId, stepId, command, symptom, exitCode, remove }) => {
      const session = await sessions.get(sessionId);
      const sb = sandboxOf(session);
      if (!sb) throw new TejunError('UNSUPPORTED', 'Faults are injected only in a rehearsal.');
      const step = allSteps(session.doc.model).find((x) => x.id === stepId);
      if (!step) throw new TejunError('NOT_FOUND', `No step ${stepId} in this runbook.`);
      const commandId = command ? (step.commands[command - 1]?.id ?? null) : null;
      setFault(sb, { stepId, commandId, symptom, exitCode }, remove);
      return { flags: sb.flags, tools: sb.tools, faults: readFaults(sb) };
    },
    'session:open': async ({ sessionId }, ctx) => watch(await sessions.get(sessionId), ctx).view(),
    'session:command': async ({ sessionId, command }, ctx) => {
      const session = watch(await sessions.get(sessionId), ctx);
      return session.submit(command);
    },
    ...review.handlers,
  };
  // A remote role's attempt at what it may not do: refused, and written in its session's journal.
  const refused = (ctx: ClientCtx, channel: string): void => {
    const p = ctx.remote?.person;
    log.warn({ clientId: ctx.clientId, role: ctx.remote?.role, channel }, 'request refused for its role');
    if (p)
      void sessions
        .get(p.sessionId)
        .then((s) => s.record({ type: 'access-refused', by: p.name, role: p.role, channel }));
  };

  return {
    handlers: guard(logUnexpected(handlers, log), refused),
    ptys,
    log,
    invites,
    disconnect: (clientId) => {
      const gone = online.get(clientId);
      online.delete(clientId);
      gone?.sockets.delete(clientId);
      if (gone && !gone.revoked) void sessions.get(gone.sessionId).then((s) => s.record(leftEvent(gone, 'dropped')));
      // A session's shells outlive the window (a reload reattaches); a shell outside any session ends with it.
      const { closed, detached } = ptys.releaseAllOf(clientId);
      for (const id of closed) forget(id);
      const waiting = handOver(windowDeps, detached, clientId);
      windows.dropWatcher(clientId);
      if (waiting.length)
        log.info({ clientId, terminals: waiting }, 'window gone: its session terminals keep running, detached');
      uploads.drop(clientId);
      for (const set of watchers.values()) set.delete(clientId);
    },
    dispose: () => {
      review.close().catch((err: unknown) => log.error({ err }, 'closing the invite listener failed'));
      ptys.dispose();
      sessions.closeAll().catch((err: unknown) => log.error({ err }, 'closing the sessions failed'));
    },
    sessions,
  };
}

/**
 * The one path for unexpected errors: a handler that fails with anything but a TejunError (a message meant
 * for the operator) is logged with its stack and the request's channel; the client still gets the message.
 */
// A TejunError is a message for the operator; one that wraps a cause (a failed spawn, export) is worth a
// stack in the log too, except a refusal after a journal failure, which the session has logged already.
const unexpected = (err: unknown): boolean =>
  !(err instanceof TejunError) ||
  err.code === 'INTERNAL' ||
  (err.cause !== undefined && err.code !== 'SESSION_READ_ONLY');

export function logUnexpected<Ctx>(handlers: Handlers<Ctx>, log: Log): Handlers<Ctx> {
  const wrapped: Record<string, (p: unknown, c: Ctx) => unknown> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (p: unknown, c: Ctx) => unknown][]) {
    wrapped[channel] = async (params, ctx) => {
      try {
        return await handler(params, ctx);
      } catch (err) {
        if (unexpected(err)) log.error({ err, channel }, 'request failed unexpectedly');
        throw err;
      }
    };
  }
  return wrapped as Handlers<Ctx>;
}
