import { defineCommand, defineGroup, formatHelp, parseCommand, UsageError } from '@lakehouse/cli';
import { Type } from '@sinclair/typebox';

/** A parsed `npm run stack -- …` invocation. */
export type StackCommand =
  | { readonly kind: 'up' }
  | { readonly kind: 'status' }
  | { readonly kind: 'down'; readonly purge: boolean }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

/** The stack's command line (libs/cli): `up`, `status`, `down [--purge]`. */
export const STACK_COMMAND = defineGroup({
  name: 'stack',
  invocation: 'npm run stack --',
  summary:
    'The local stack: MariaDB 10.11 (MySQL HeatWave stand-in) and Kafka (OCI Streaming stand-in), no Docker.',
  details:
    'State lives in $LAKEHOUSE_STACK_DIR (default <repo>/.local); see tools/README.md for every setting.',
  subcommands: [
    defineCommand({
      name: 'up',
      summary: 'start MariaDB 10.11 and Kafka (installs/downloads what is missing), wait until healthy',
      build: () => ({ kind: 'up' as const }),
    }),
    defineCommand({
      name: 'status',
      summary: 'show what runs where; exit 0 when everything is healthy, else 1',
      build: () => ({ kind: 'status' as const }),
    }),
    defineCommand({
      name: 'down',
      summary: 'stop both services, keep their data (--purge: delete the whole stack folder)',
      flags: {
        purge: Type.Boolean({
          default: false,
          description: 'stop and delete the whole stack folder (needs ALLOW_STACK_PURGE=1)',
        }),
      },
      build: ({ flags }) => ({ kind: 'down' as const, purge: flags.purge }),
    }),
  ],
});

/** Usage text printed for `help` and for bad invocations (generated from {@link STACK_COMMAND}). */
export const STACK_USAGE = formatHelp(STACK_COMMAND, STACK_COMMAND, []);

/** Parses the arguments after `--`; never throws, bad input becomes `usage-error`. */
export function parseStackCommand(argv: readonly string[]): StackCommand {
  try {
    const parsed = parseCommand(STACK_COMMAND, argv);
    return parsed.kind === 'help' ? { kind: 'help' } : parsed.value;
  } catch (err: unknown) {
    if (err instanceof UsageError) return { kind: 'usage-error', message: err.message };
    throw err;
  }
}
