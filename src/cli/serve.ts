// `tejun serve`: the web host on 127.0.0.1, printing the tokenized URL. Opens no browser unless asked.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../core/dataDir';
import { createCoreHost } from '../core/host';
import { createLog, logFile, logUncaught } from '../core/log';
import { FileSettingsStore } from '../core/settings/settingsStore';
import { startWebHost, type WebHost } from '../server/webHost';
import { startInviteListener } from '../server/invite';

export interface ServeOptions {
  port?: number;
  runbook?: string;
  dataDir: string;
  open: boolean;
  staticDir: string;
  version: string;
  /** `tejun rehearse`: offer a rehearsal at this speed, with this plan. */
  rehearsal?: { speed: number; plan?: string };
}

const DEFAULT_PORT = 7780;
/** Each of these stops the host the same way: terminals closed, sessions closed, then the process may end. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

/** What `serve` and `rehearse` read alike: --port, --data-dir, --open; and the built renderer and version. */
export function serveOptions(values: {
  port?: string | undefined;
  'data-dir'?: string | undefined;
  open?: boolean | undefined;
}): ServeOptions {
  const port = parsePort(values.port);
  return {
    staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    version: packageVersion(),
    dataDir: values['data-dir'] ?? defaultDataDir(),
    open: values.open ?? false,
    ...(port !== undefined ? { port } : {}),
  };
}

export function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--port ${raw}: give a whole number from 0 to 65535 (0 picks any free port).`);
  return n;
}

/**
 * The one serve lifecycle (`serve` and `rehearse`): start the host, run until SIGINT, SIGTERM or SIGHUP (a closed
 * terminal window), then close it and take the signal handlers away again.
 */
export async function serveUntilSignal(opts: ServeOptions, out: (line: string) => void): Promise<number> {
  const host = await serve(opts, out);
  await new Promise<void>((done) => {
    const stop = (): void => {
      for (const signal of STOP_SIGNALS) process.removeListener(signal, stop);
      out('stopping: closing terminals…');
      void host.close().then(done);
    };
    for (const signal of STOP_SIGNALS) process.once(signal, stop);
  });
  return 0;
}

export async function serve(opts: ServeOptions, out: (line: string) => void): Promise<WebHost> {
  if (!existsSync(resolve(opts.staticDir, 'index.html'))) {
    throw new Error(
      `The app is not built (${opts.staticDir} has no index.html). Run \`npm run build\`, then try again.`,
    );
  }
  if (opts.runbook && !existsSync(opts.runbook)) {
    throw new Error(`--runbook ${opts.runbook}: no such file. Check the path.`);
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const settings = FileSettingsStore.inDataDir(opts.dataDir);
  if (settings.warning) out(`warning: ${settings.warning}`);
  if (opts.rehearsal?.plan && !existsSync(opts.rehearsal.plan))
    throw new Error(`--plan ${opts.rehearsal.plan}: no such file. Check the path.`);
  const log = createLog(opts.dataDir);
  logUncaught(log);
  log.info({ version: opts.version, rehearsal: opts.rehearsal ?? null }, 'web host starting');
  const coreDeps = {
    // Invites: a second listener, TLS only, opened from the session on the address the operator chooses.
    openListener: (address: string, port: number) =>
      startInviteListener({ core, staticDir: opts.staticDir, dataDir: opts.dataDir, address, port, logger: log }),
    version: opts.version,
    transport: 'web' as const,
    dataDir: opts.dataDir,
    settings,
    log,
    ...(opts.rehearsal
      ? { rehearsal: { ...opts.rehearsal, ...(opts.rehearsal.plan ? { plan: resolve(opts.rehearsal.plan) } : {}) } }
      : {}),
  };
  const core = createCoreHost(opts.runbook ? { ...coreDeps, initialRunbookPath: resolve(opts.runbook) } : coreDeps);

  // An explicit --port is taken or refused; without one, the next free port is used.
  const first = opts.port ?? DEFAULT_PORT;
  const tries = opts.port === undefined ? 20 : 1;
  for (let i = 0; i < tries; i++) {
    try {
      const port = first === 0 ? 0 : first + i;
      const host = await startWebHost({ core, staticDir: opts.staticDir, port, log: out, logger: log });
      out(`tejun ${opts.version} web host — open this address in a browser on this machine:`);
      out(`  ${host.url}`);
      out(`data: ${opts.dataDir}`);
      out(`log:  ${logFile(opts.dataDir)}`);
      out('Press Ctrl+C to stop; open terminals are closed with it.');
      const noBrowser = (err: Error): void => out(`could not open a browser (${err.message}); open the address above.`);
      if (opts.open) openBrowser(host.url, noBrowser);
      return host;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || i === tries - 1) {
        log.error({ err }, 'the web host could not start');
        core.dispose();
        if (code === 'EADDRINUSE')
          throw new Error(`Port ${first + i} is in use. Pick another with --port N (or --port 0 for any free port).`, {
            cause: err,
          });
        throw err;
      }
    }
  }
  throw new Error('unreachable');
}

function openBrowser(url: string, failed: (err: Error) => void): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(cmd, [url], { detached: true, stdio: 'ignore' }).on('error', failed).unref();
}
