import type { Logger } from '@lakehouse/runtime';
import type { SqlConfig } from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import type { BulkLoadConfig } from './config.js';
import { fastLoad } from './loader/fast-loader.js';
import type { CliCommand } from './parse-cli.js';

/** What a command needs from its process: config, logger, output streams and a database. */
export interface CommandContext {
  readonly config: BulkLoadConfig;
  readonly logger: Logger;
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly openPool: () => Promise<Pool>;
  readonly databaseConfig: () => SqlConfig;
  readonly signal?: AbortSignal;
}

async function withPool<T>(ctx: CommandContext, fn: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = await ctx.openPool();
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/** Runs one parsed command; returns the process exit code. */
export async function runCommand(command: CliCommand, ctx: CommandContext): Promise<number> {
  switch (command.kind) {
    case 'help':
      return 0;
    case 'load': {
      const summary = await withPool(ctx, (pool) =>
        fastLoad({
          pool,
          files: command.files,
          outDir: command.outDir ?? ctx.config.BULK_LOAD_OUT_DIR,
          concurrency: command.concurrency ?? ctx.config.BULK_LOAD_CONCURRENCY,
          chunkRows: command.chunkRows ?? ctx.config.BULK_LOAD_CHUNK_ROWS,
          fresh: command.isFresh,
          nowMs: Date.now(),
          logger: ctx.logger.child({ module: 'fast-loader' }),
          progressOutput: ctx.stderr,
          ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
        }),
      );
      if (summary.rowsRejected > 0) {
        ctx.logger.warn(
          { rowsRejected: summary.rowsRejected, rejectFiles: summary.files.map((f) => f.rejectFile) },
          'some rows were rejected; see the reject files',
        );
      }
      ctx.stdout.write(`${JSON.stringify(summary)}\n`);
      return 0;
    }
    default:
      throw new Error(`command ${command.kind} is not wired yet`);
  }
}
