import { AppError } from '@lakehouse/runtime';
import type { Command } from './command.js';
import { parseCommand, type ParseCommandOptions } from './parse-command.js';
import { UsageError } from './usage-error.js';

/** Exit code of a usage error (the shell convention for a misused builtin). */
export const USAGE_EXIT_CODE = 2;

/** Options of {@link runCli}. */
export interface RunCliOptions extends ParseCommandOptions {
  /** Where the help goes. @default a line on process.stdout */
  readonly out?: (text: string) => void;
  /** Where usage errors and failures go. @default a line on process.stderr */
  readonly err?: (text: string) => void;
  /** Other failures than usage errors reject instead of being printed (for callers that report them). @default false */
  readonly isThrowingFailures?: boolean;
}

/** What a command's `main` returns: an exit code, or nothing for 0. */
export type MainResult = number | undefined | void;

function failureText(err: unknown): string {
  if (err instanceof AppError) return `${err.message} [${err.code}]`;
  if (err instanceof Error) return err.stack ?? err.message;
  return String(err);
}

/**
 * Parses `argv` with {@link parseCommand} and runs `main` on the value; resolves to the exit code, rejects only with `isThrowingFailures`:
 * help → printed, 0; a usage error (from parsing or thrown by `main`) → problems and usage on `err`, 2; any other
 * error → `<name>: <message> [CODE]` (a stack for non-AppErrors), 1, or a rejection with `isThrowingFailures`; else what `main` returns (nothing = 0).
 * An entry point does `process.exitCode = await runCli(command, process.argv.slice(2), main)`.
 */
export async function runCli<R>(
  command: Command<R>,
  argv: readonly string[],
  main: (value: R, path: readonly string[]) => Promise<MainResult> | MainResult,
  options: RunCliOptions = {},
): Promise<number> {
  const out = options.out ?? ((text: string) => void process.stdout.write(`${text}\n`));
  const err = options.err ?? ((text: string) => void process.stderr.write(`${text}\n`));
  let usage: string | undefined;
  try {
    const parsed = parseCommand(command, argv, options);
    if (parsed.kind === 'help') {
      out(parsed.help);
      return 0;
    }
    usage = parsed.usage;
    return (await main(parsed.value, parsed.path)) ?? 0;
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      const shown = error.usage ?? usage;
      err(`${command.name}: ${error.message}${shown === undefined ? '' : `\n\n${shown}`}`);
      return USAGE_EXIT_CODE;
    }
    if (options.isThrowingFailures === true) throw error;
    err(`${command.name}: ${failureText(error)}`);
    return 1;
  }
}
