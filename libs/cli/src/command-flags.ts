import type { Command } from './command.js';
import { flagOptions } from './flag-schema.js';

/**
 * Every flag a command accepts anywhere in its tree, as typed on a command line (`--chunk-rows`, `-o`), plus
 * `--help` and `-h`. For checks that a document names only flags that exist.
 */
export function commandFlags(command: Command<unknown>): Set<string> {
  const flags = new Set(['--help', '-h']);
  const visit = (c: Command<unknown>): void => {
    if (c.kind === 'group') {
      c.subcommands.forEach(visit);
      return;
    }
    for (const [name, schema] of Object.entries(c.flags.properties)) {
      flags.add(`--${name}`);
      const short = flagOptions(schema).short;
      if (short !== undefined) flags.add(`-${short}`);
    }
  };
  visit(command);
  return flags;
}
