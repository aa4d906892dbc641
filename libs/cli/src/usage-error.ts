import { AppError } from '@lakehouse/runtime';

/** Options of {@link UsageError}. */
export interface UsageErrorOptions {
  /** Help text of the command that was misused, printed after the problems. @default none (runCli adds it) */
  readonly usage?: string;
  readonly cause?: unknown;
}

/**
 * The command line is wrong (unknown flag, missing or malformed value, flags that exclude each other). Code
 * `CLI_USAGE_INVALID`; `runCli` prints the problems and the usage and exits with 2. The message is the problems,
 * one a line.
 */
export class UsageError extends AppError {
  readonly problems: readonly string[];
  readonly usage: string | undefined;

  constructor(problems: string | readonly string[], options: UsageErrorOptions = {}) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super('CLI_USAGE_INVALID', list.join('\n'), {
      cause: options.cause,
      context: { problems: list },
    });
    this.problems = list;
    this.usage = options.usage;
  }
}

/** The same error with `usage` set, unless it has one already. */
export function withUsage(err: UsageError, usage: string): UsageError {
  return err.usage === undefined ? new UsageError(err.problems, { usage, cause: err.cause }) : err;
}
