// `tejun rehearse`: the web host straight into an offline rehearsal, or (--headless) the unattended drill.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PLAN_READ, readRegularFileSync } from '../core/files';
import { runDrill } from '../core/rehearsal/drill';
import { parsePlan } from '../core/rehearsal/plan';
import { serveOptions, serveUntilSignal } from './serve';
import { usageError, type CliCommand, type Out } from './table';

const SPEEDS = [1, 5, 10, 60];

/** The speed a rehearsal plan asks for; the plan is read like any file named on the command line. */
function planSpeed(file: string): number {
  return parsePlan(readRegularFileSync(file, PLAN_READ).toString('utf8'), file).speed;
}

function rehearseArgs(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
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
  if (!file || positionals.length > 1) throw usageError(rehearse);
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !SPEEDS.includes(speed)) throw new Error(`--speed ${values.speed}: use 1, 5, 10 or 60.`);
  if (!existsSync(file)) throw new Error(`${file}: no such runbook. Check the path.`);
  if (values.plan && !existsSync(values.plan))
    throw new Error(`--plan ${values.plan}: no such file. Check the path (a YAML rehearsal plan; see README).`);
  return { file, speed, values };
}

type Parsed = ReturnType<typeof rehearseArgs>;

async function headless({ file, values }: Parsed, out: Out): Promise<number> {
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

function served({ file, speed, values }: Parsed, out: Out): Promise<number> {
  // --speed wins; else the plan's own speed; else real time.
  const rehearsal = {
    speed: speed ?? (values.plan ? planSpeed(values.plan) : 1),
    ...(values.plan ? { plan: values.plan } : {}),
  };
  return serveUntilSignal({ ...serveOptions(values), runbook: file, rehearsal }, out);
}

export const rehearse: CliCommand = {
  name: 'rehearse',
  forms: [
    {
      args: 'FILE [--plan PLAN.yaml] [--speed 1|5|10|60] [--port N] [--data-dir DIR] [--open]',
      summary: 'Start the web host straight into an offline rehearsal of FILE: shims instead of production tools.',
    },
    {
      args: 'FILE --headless --out DIR [--plan PLAN.yaml] [--key FILE]',
      summary: `Run the drill unattended (for CI): every command through the shims in a real pty, the plan's
faults and decisions applied, signed; DIR gets the bundle, the filled-in Markdown, the
rehearsal report and the session folder. Exit 0 when it ended as the plan expected.`,
    },
  ],
  run: (args, out) => {
    const parsed = rehearseArgs(args);
    return parsed.values.headless ? headless(parsed, out) : served(parsed, out);
  },
};
