// The `tejun` subcommands as a table: each reads its own arguments and calls the module that does the work.
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/dataDir';
import { EXPORT_FORMATS, type ExportFormat } from '../shared/contract';
import { exportCommand, parseRequire, signCommand, verifyCommand } from './evidenceCommands';
import { journalVerify } from './journalCommand';
import { rehearse } from './rehearseCommand';
import { lintCommand, parseCommand, runbookJsonSchema } from './runbookCommands';
import { serveOptions, serveUntilSignal } from './serve';
import { usageError, type CliCommand } from './table';
import { baselineCommand, redlineCommand } from './timelineCommands';

const serveCommand: CliCommand = {
  name: 'serve',
  forms: [
    {
      args: '[--port N] [--runbook FILE] [--data-dir DIR] [--open]',
      summary: 'Start the web host on 127.0.0.1 and print its address (with its one-time token).',
    },
  ],
  run: async (args, out) => {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        runbook: { type: 'string' },
        'data-dir': { type: 'string' },
        open: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const runbook = values.runbook !== undefined ? { runbook: values.runbook } : {};
    return serveUntilSignal({ ...serveOptions(values), ...runbook }, out);
  },
};

/** `parse` and `lint` read one runbook file. */
function runbookFile(command: CliCommand, args: string[]): { file: string; json: boolean; format?: string } {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false }, format: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw usageError(command);
  return { file, json: values.json ?? false, ...(values.format !== undefined ? { format: values.format } : {}) };
}

const parse: CliCommand = {
  name: 'parse',
  forms: [
    {
      args: 'FILE [--json]',
      summary: 'Show what tejun understands of a runbook (phases, steps, rollback…); --json for tools.',
    },
  ],
  run: (args, out) => {
    const { file, json } = runbookFile(parse, args);
    return parseCommand(file, json, out);
  },
};

const lint: CliCommand = {
  name: 'lint',
  forms: [
    {
      args: 'FILE [--json] [--format sarif]',
      summary: 'Check a runbook against the procedure-writing principles. Exit 1 when there are errors.',
    },
  ],
  run: (args, out) => {
    const { file, json, format = json ? 'json' : 'text' } = runbookFile(lint, args);
    if (format !== 'text' && format !== 'json' && format !== 'sarif')
      throw new Error(`--format ${format}: use json or sarif.`);
    return lintCommand(file, format, out);
  },
};

const schema: CliCommand = {
  name: 'schema',
  forms: [{ args: '', summary: 'Print the JSON Schema of `tejun parse --json`.' }],
  run: (_args, out) => {
    out(JSON.stringify(runbookJsonSchema(), null, 2));
    return 0;
  },
};

const journal: CliCommand = {
  name: 'journal',
  forms: [
    {
      args: 'verify DIR',
      summary: "Check a session folder: the journal's hash chain and the runbook's hash. Exit 1 on any break.",
    },
  ],
  run: (args, out) => {
    const [verb, dir, ...extra] = args;
    if (verb !== 'verify' || !dir || extra.length) throw usageError(journal);
    return journalVerify(dir, out);
  },
};

const exportEntry: CliCommand = {
  name: 'export',
  forms: [
    {
      args: `SESSION_DIR --format ${EXPORT_FORMATS.join('|')} [--out FILE] [--no-transcripts]`,
      summary: 'Export a session (finished or running): the filled-in procedure, or the evidence bundle.',
    },
  ],
  run: (args, out) => {
    const { values, positionals } = parseArgs({
      args,
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
      throw usageError(exportEntry);
    return exportCommand(positionals[0], format, values.out, { transcripts: !values['no-transcripts'] }, out);
  },
};

const sign: CliCommand = {
  name: 'sign',
  forms: [
    {
      args: 'BUNDLE --as NAME --role operator|approver [--key FILE] [--out FILE]',
      summary: `Sign an evidence bundle. The key's passphrase comes from $TEJUN_KEY_PASSPHRASE; a key is
created on first use under the data folder's keys/.`,
    },
  ],
  run: (args, out) => {
    const { values, positionals } = parseArgs({
      args,
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
      throw usageError(sign);
    const dataDir = values['data-dir'] ?? defaultDataDir();
    const files = { ...(values.key ? { key: values.key } : {}), ...(values.out ? { out: values.out } : {}) };
    return signCommand(
      positionals[0],
      { as: values.as, role, dataDir, passphraseEnv: 'TEJUN_KEY_PASSPHRASE', ...files },
      out,
    );
  },
};

const verify: CliCommand = {
  name: 'verify',
  forms: [
    {
      args: 'BUNDLE [--trust FILE]… [--runbook FILE] [--require operator,approver|none] [--data-dir DIR]',
      summary: `Check an evidence bundle without the app: runbook hash, journal chain, export digests, every
signature, and every signer against the trust list (the data folder's trust.yaml, each
--trust FILE, and the team file named by --runbook, your own copy of the runbook).
Exit 0 OK, 1 BROKEN (altered), 2 UNTRUSTED (a key not on the list), 3 MISSING (a required
signature absent: the operator's and the approver's for a release, the operator's for a rehearsal).`,
    },
  ],
  run: (args, out) => {
    const { values, positionals } = parseArgs({
      args,
      options: {
        trust: { type: 'string', multiple: true },
        runbook: { type: 'string' },
        require: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw usageError(verify);
    const trust = {
      dataDir: values['data-dir'] ?? defaultDataDir(),
      files: values.trust ?? [],
      runbookFile: values.runbook,
    };
    return verifyCommand(positionals[0]!, { ...trust, require: parseRequire(values.require) }, out);
  },
};

/** `baseline` and `redline` name one file or folder. */
function oneTarget(command: CliCommand, args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false }, out: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const target = positionals[0];
  if (!target || positionals.length > 1) throw usageError(command);
  return { target, values };
}

const baseline: CliCommand = {
  name: 'baseline',
  forms: [
    {
      args: 'RUNBOOK [--data-dir DIR] [--json]',
      summary: "Each step's p50 and p90 from past rehearsals and releases of this runbook in the data folder.",
    },
  ],
  run: (args, out) => {
    const { target, values } = oneTarget(baseline, args);
    return baselineCommand(target, values['data-dir'] ?? defaultDataDir(), values.json ?? false, out);
  },
};

const redline: CliCommand = {
  name: 'redline',
  forms: [
    {
      args: 'SESSION_DIR [--out FILE.patch]',
      summary: 'What differed on that night, per step, as a unified diff of the runbook to review and apply.',
    },
  ],
  run: (args, out) => {
    const { target, values } = oneTarget(redline, args);
    return redlineCommand(target, values.out, out);
  },
};

/** In the order --help lists them. */
export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  parse,
  lint,
  schema,
  journal,
  exportEntry,
  sign,
  verify,
  rehearse,
  baseline,
  redline,
];
