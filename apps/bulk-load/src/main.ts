#!/usr/bin/env node
import { runCli } from '@lakehouse/cli';
import { createLogger, type Logger } from '@lakehouse/runtime';
import { createSqlPool } from '@lakehouse/sql';
import { loadConfig, loadDatabaseConfig, loadDataflowTarget, type BulkLoadConfig } from './config.js';
import { BULK_LOAD_COMMAND } from './parse-cli.js';
import { runCommand } from './run-command.js';

process.exitCode = await runCli(BULK_LOAD_COMMAND, process.argv.slice(2), async (command) => {
  // Bad config is printed plainly by runCli (exit 1): there is no logger yet.
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
});
