// The shape of a `tejun` subcommand, and the usage text made from the table of them: a command's forms are
// written once, and both `tejun --help` and the command's own "usage:" refusal read them.
export type Out = (line: string) => void;

export interface CliCommand {
  name: string;
  /** What follows the name, one entry per form of the command, each with what it does. */
  forms: { args: string; summary: string }[];
  run(args: string[], out: Out): Promise<number> | number;
}

const INTRO = 'tejun — walk through a release procedure, one step at a time.';

const ENVIRONMENT = `Environment: TEJUN_DATA_DIR sets the data folder (default: the platform's app-data folder).
  TEJUN_REHEARSAL_SANDBOX=off runs rehearsal shells with the shims only (no OS sandbox).`;

const indent = (text: string): string =>
  text
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');

export function usageText(commands: readonly CliCommand[]): string {
  const forms = commands.flatMap((c) =>
    c.forms.map((f) => `  ${['tejun', c.name, f.args].filter(Boolean).join(' ')}\n${indent(f.summary)}`),
  );
  return [INTRO, '', 'Usage:', ...forms, '  tejun --version', '  tejun --help', '', ENVIRONMENT].join('\n');
}

/** The refusal for arguments that do not fit the command: its forms, as --help shows them. */
export function usageError(command: Pick<CliCommand, 'name' | 'forms'>): Error {
  const forms = command.forms.map((f) => ['tejun', command.name, f.args].filter(Boolean).join(' '));
  return new Error(`usage: ${forms.join('\n   or: ')}`);
}
