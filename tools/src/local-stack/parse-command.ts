/** A parsed `npm run stack -- …` invocation. */
export type StackCommand =
  | { readonly kind: 'up' }
  | { readonly kind: 'status' }
  | { readonly kind: 'down'; readonly purge: boolean }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

/** Usage text printed for `help` and for bad invocations. */
export const STACK_USAGE = [
  'usage: npm run stack -- <command>',
  '',
  '  up             start MariaDB 10.11 and Kafka (installs/downloads what is missing), wait until healthy',
  '  status         show what runs where; exit 0 when everything is healthy, else 1',
  '  down           stop both services, keep their data',
  '  down --purge   stop and delete the whole stack folder (needs ALLOW_STACK_PURGE=1)',
  '',
  'State lives in $LAKEHOUSE_STACK_DIR (default <repo>/.local); see tools/README.md for every setting.',
].join('\n');

/** Parses the arguments after `--`; never throws, bad input becomes `usage-error`. */
export function parseStackCommand(argv: readonly string[]): StackCommand {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
    case 'status':
      return rest.length === 0
        ? { kind: command }
        : { kind: 'usage-error', message: `${command} takes no options (got ${rest.join(' ')})` };
    case 'down': {
      const unknown = rest.filter((arg) => arg !== '--purge');
      if (unknown.length > 0)
        return { kind: 'usage-error', message: `unknown option for down: ${unknown.join(' ')}` };
      return { kind: 'down', purge: rest.includes('--purge') };
    }
    case 'help':
    case '--help':
    case '-h':
      return { kind: 'help' };
    case undefined:
      return { kind: 'usage-error', message: 'missing command' };
    default:
      return { kind: 'usage-error', message: `unknown command: ${command}` };
  }
}
