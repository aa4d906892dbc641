#!/usr/bin/env node
import { AppError, createLogger, type Logger } from '@lakehouse/runtime';
import { createSqlPool } from '@lakehouse/sql';
import { loadConfig, loadDatabaseConfig, loadDataflowTarget, type BulkLoadConfig } from './config.js';
import { runCommand } from './run-command.js';
import { parseCli, USAGE } from './parse-cli.js';

async function main(): Promise<number> {
  const command = parseCli(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config: BulkLoadConfig = loadConfig();
  // Logs go to stderr: stdout carries what a command prints (statements, the JSON summary).
  const logger: Logger = createLogger({ name: 'bulk-load', level: config.LOG_LEVEL }, process.stderr);
  try {
    return await runCommand(command, {
      config,
      logger,
      stdout: process.stdout,
      stderr: process.stderr,
      openPool: () => createSqlPool(loadDatabaseConfig()),
      databaseConfig: () => loadDatabaseConfig(),
      dataflowTarget: () => loadDataflowTarget(),
    });
  } catch (err: unknown) {
    logger.fatal({ err }, 'bulk-load failed');
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Errors before the logger exists (bad arguments, bad config) are printed plainly.
    process.stderr.write(`${err instanceof AppError ? `${err.code}: ${err.message}` : String(err)}\n`);
    process.exitCode = 2;
  },
);
