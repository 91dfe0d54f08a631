// The `tejun` command: finds the subcommand in the table (commands.ts) and runs it; --help is made from the table.
import { COMMANDS } from './commands';
import { packageVersion } from './serve';
import { usageText, type Out } from './table';

const HELP = ['--help', '-h', 'help'];
const VERSION = ['--version', '-v'];

export async function main(
  argv: string[],
  out: Out = (l) => console.log(l),
  err: Out = (l) => console.error(l),
): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || HELP.includes(name)) {
      out(usageText(COMMANDS));
      return 0;
    }
    if (VERSION.includes(name)) {
      out(packageVersion());
      return 0;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
      err(`tejun: unknown command "${name}".\n\n${usageText(COMMANDS)}`);
      return 2;
    }
    return await command.run(rest, out);
  } catch (e) {
    err(`tejun: ${(e as Error).message}`);
    return 1;
  }
}
