// The `tejun` command. Each subcommand is a small module; this file only reads arguments and dispatches.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/dataDir';
import { journalVerify } from './journalCommand';
import { exportCommand, parseRequire, signCommand, verifyCommand } from './evidenceCommands';
import { EXPORT_FORMATS, type ExportFormat } from '../shared/contract';
import { runDrill } from '../core/rehearsal/drill';
import { parsePlan } from '../core/rehearsal/plan';
import { PLAN_READ, readRegularFileSync } from '../core/files';
import { lintCommand, parseCommand, runbookJsonSchema } from './runbookCommands';
import { serve } from './serve';
import { baselineCommand, redlineCommand } from './timelineCommands';

const USAGE = `tejun — walk through a release procedure, one step at a time.

Usage:
  tejun serve [--port N] [--runbook FILE] [--data-dir DIR] [--open]
      Start the web host on 127.0.0.1 and print its address (with its one-time token).
  tejun parse FILE [--json]
      Show what tejun understands of a runbook (phases, steps, rollback…); --json for tools.
  tejun lint FILE [--json] [--format sarif]
      Check a runbook against the procedure-writing principles. Exit 1 when there are errors.
  tejun schema
      Print the JSON Schema of \`tejun parse --json\`.
  tejun journal verify DIR
      Check a session folder: the journal's hash chain and the runbook's hash. Exit 1 on any break.
  tejun export SESSION_DIR --format md|html|pdf|bundle|report [--out FILE] [--no-transcripts]
      Export a session (finished or running): the filled-in procedure, or the evidence bundle.
  tejun sign BUNDLE --as NAME --role operator|approver [--key FILE] [--out FILE]
      Sign an evidence bundle. The key's passphrase comes from $TEJUN_KEY_PASSPHRASE; a key is
      created on first use under the data folder's keys/.
  tejun verify BUNDLE [--trust FILE]… [--runbook FILE] [--require operator,approver|none] [--data-dir DIR]
      Check an evidence bundle without the app: runbook hash, journal chain, export digests, every
      signature, and every signer against the trust list (the data folder's trust.yaml, each
      --trust FILE, and the team file named by --runbook, your own copy of the runbook).
      Exit 0 OK, 1 BROKEN (altered), 2 UNTRUSTED (a key not on the list), 3 MISSING (a required
      signature absent: the operator's and the approver's for a release, the operator's for a rehearsal).
  tejun rehearse FILE [--plan PLAN.yaml] [--speed 1|5|10|60] [--port N] [--data-dir DIR] [--open]
      Start the web host straight into an offline rehearsal of FILE: shims instead of production tools.
  tejun rehearse FILE --headless --out DIR [--plan PLAN.yaml] [--key FILE]
      Run the drill unattended (for CI): every command through the shims in a real pty, the plan's
      faults and decisions applied, signed; DIR gets the bundle, the filled-in Markdown, the
      rehearsal report and the session folder. Exit 0 when it ended as the plan expected.
  tejun baseline RUNBOOK [--data-dir DIR] [--json]
      Each step's p50 and p90 from past rehearsals and releases of this runbook in the data folder.
  tejun redline SESSION_DIR [--out FILE.patch]
      What differed on that night, per step, as a unified diff of the runbook to review and apply.
  tejun --version
  tejun --help

Environment: TEJUN_DATA_DIR sets the data folder (default: the platform's app-data folder).
  TEJUN_REHEARSAL_SANDBOX=off runs rehearsal shells with the shims only (no OS sandbox).`;

/** The speed a rehearsal plan asks for; the plan is read like any file named on the command line. */
function planSpeed(file: string): number {
  return parsePlan(readRegularFileSync(file, PLAN_READ).toString('utf8'), file).speed;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--port ${raw}: give a whole number from 0 to 65535 (0 picks any free port).`);
  return n;
}

export async function main(
  argv: string[],
  out = (l: string) => console.log(l),
  err = (l: string) => console.error(l),
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      out(USAGE);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      out(packageVersion());
      return 0;
    }
    if (command === 'serve') {
      const { values } = parseArgs({
        args: rest,
        options: {
          port: { type: 'string' },
          runbook: { type: 'string' },
          'data-dir': { type: 'string' },
          open: { type: 'boolean', default: false },
        },
        strict: true,
      });
      const opts = {
        dataDir: values['data-dir'] ?? defaultDataDir(),
        open: values.open ?? false,
        staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
        version: packageVersion(),
        ...(values.runbook !== undefined ? { runbook: values.runbook } : {}),
        ...(parsePort(values.port) !== undefined ? { port: parsePort(values.port)! } : {}),
      };
      const host = await serve(opts, out);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          out('stopping: closing terminals…');
          void host.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        process.once('SIGHUP', stop);
      });
      return 0;
    }
    if (command === 'parse' || command === 'lint') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean', default: false }, format: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
      const file = positionals[0];
      if (!file || positionals.length > 1)
        throw new Error(`usage: tejun ${command} FILE [--json]${command === 'lint' ? ' [--format sarif]' : ''}`);
      if (command === 'parse') return await parseCommand(file, values.json ?? false, out);
      const format = values.format ?? (values.json ? 'json' : 'text');
      if (format !== 'text' && format !== 'json' && format !== 'sarif')
        throw new Error(`--format ${format}: use json or sarif.`);
      return await lintCommand(file, format, out);
    }
    if (command === 'journal') {
      const [verb, dir, ...extra] = rest;
      if (verb !== 'verify' || !dir || extra.length) throw new Error('usage: tejun journal verify DIR');
      return await journalVerify(dir, out);
    }
    if (command === 'export') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: {
          format: { type: 'string', default: 'md' },
          out: { type: 'string' },
          'no-transcripts': { type: 'boolean', default: false },
        },
        allowPositionals: true,
        strict: true,
      });
      const format = values.format as ExportFormat;
      if (!positionals[0] || positionals.length > 1 || !(EXPORT_FORMATS as readonly string[]).includes(format))
        throw new Error(
          `usage: tejun export SESSION_DIR --format ${EXPORT_FORMATS.join('|')} [--out FILE] [--no-transcripts]`,
        );
      return exportCommand(positionals[0], format, values.out, { transcripts: !values['no-transcripts'] }, out);
    }
    if (command === 'sign') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: {
          as: { type: 'string' },
          role: { type: 'string' },
          key: { type: 'string' },
          out: { type: 'string' },
          'data-dir': { type: 'string' },
        },
        allowPositionals: true,
        strict: true,
      });
      const role = values.role;
      if (!positionals[0] || positionals.length > 1 || !values.as || (role !== 'operator' && role !== 'approver'))
        throw new Error('usage: tejun sign BUNDLE --as NAME --role operator|approver [--key FILE] [--out FILE]');
      return signCommand(
        positionals[0],
        {
          as: values.as,
          role,
          dataDir: values['data-dir'] ?? defaultDataDir(),
          passphraseEnv: 'TEJUN_KEY_PASSPHRASE',
          ...(values.key ? { key: values.key } : {}),
          ...(values.out ? { out: values.out } : {}),
        },
        out,
      );
    }
    if (command === 'baseline' || command === 'redline') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false }, out: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
      const target = positionals[0];
      if (command === 'baseline') {
        if (!target || positionals.length > 1)
          throw new Error('usage: tejun baseline RUNBOOK [--data-dir DIR] [--json]');
        return await baselineCommand(target, values['data-dir'] ?? defaultDataDir(), values.json ?? false, out);
      }
      if (!target || positionals.length > 1) throw new Error('usage: tejun redline SESSION_DIR [--out FILE.patch]');
      return redlineCommand(target, values.out, out);
    }
    if (command === 'verify') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: {
          trust: { type: 'string', multiple: true },
          runbook: { type: 'string' },
          require: { type: 'string' },
          'data-dir': { type: 'string' },
        },
        allowPositionals: true,
        strict: true,
      });
      if (positionals.length !== 1)
        throw new Error(
          'usage: tejun verify BUNDLE [--trust FILE]… [--runbook FILE] [--require operator,approver|none] [--data-dir DIR]',
        );
      const trust = {
        dataDir: values['data-dir'] ?? defaultDataDir(),
        files: values.trust ?? [],
        runbookFile: values.runbook,
      };
      return verifyCommand(positionals[0]!, { ...trust, require: parseRequire(values.require) }, out);
    }
    if (command === 'rehearse') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: {
          plan: { type: 'string' },
          speed: { type: 'string' },
          headless: { type: 'boolean', default: false },
          out: { type: 'string' },
          key: { type: 'string' },
          port: { type: 'string' },
          'data-dir': { type: 'string' },
          shell: { type: 'string' },
          open: { type: 'boolean', default: false },
        },
        allowPositionals: true,
        strict: true,
      });
      const file = positionals[0];
      if (!file || positionals.length > 1)
        throw new Error('usage: tejun rehearse FILE [--plan PLAN.yaml] [--speed N] [--headless --out DIR]');
      const speed = values.speed === undefined ? undefined : Number(values.speed);
      if (speed !== undefined && ![1, 5, 10, 60].includes(speed))
        throw new Error(`--speed ${values.speed}: use 1, 5, 10 or 60.`);
      if (!existsSync(file)) throw new Error(`${file}: no such runbook. Check the path.`);
      if (values.plan && !existsSync(values.plan))
        throw new Error(`--plan ${values.plan}: no such file. Check the path (a YAML rehearsal plan; see README).`);
      if (values.headless) {
        if (!values.out)
          throw new Error('--headless needs --out DIR, where the bundle, the Markdown and the report are written.');
        const r = await runDrill({
          runbook: file,
          out: values.out,
          log: out,
          ...(values.plan ? { plan: values.plan } : {}),
          ...(values.key ? { key: values.key } : {}),
          ...(values.shell ? { shell: values.shell } : {}),
        });
        for (const f of r.files) out(`wrote ${f}`);
        out(`${r.ok ? 'OK' : 'FAILED'}: ${r.reason}`);
        return r.ok ? 0 : 1;
      }
      const opts = {
        dataDir: values['data-dir'] ?? defaultDataDir(),
        open: values.open ?? false,
        staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
        version: packageVersion(),
        runbook: file,
        // --speed wins; else the plan's own speed; else real time.
        rehearsal: {
          speed: speed ?? (values.plan ? planSpeed(values.plan) : 1),
          ...(values.plan ? { plan: values.plan } : {}),
        },
        ...(parsePort(values.port) !== undefined ? { port: parsePort(values.port)! } : {}),
      };
      const host = await serve(opts, out);
      await new Promise<void>((resolve) => {
        const stop = (): void => void host.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    }
    if (command === 'schema') {
      out(JSON.stringify(runbookJsonSchema(), null, 2));
      return 0;
    }
    err(`tejun: unknown command "${command}".\n\n${USAGE}`);
    return 2;
  } catch (e) {
    err(`tejun: ${(e as Error).message}`);
    return 1;
  }
}
