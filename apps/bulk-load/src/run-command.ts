import type { DataflowParameters } from '@lakehouse/contracts';
import { ConfigError, type Logger } from '@lakehouse/runtime';
import type { SqlConfig } from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import type { BulkLoadConfig, DataflowTarget } from './config.js';
import { detectServer } from '@lakehouse/sql';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dataflowParameters, dataflowRunSettings, uploadPlan } from './dataflow/dataflow-requests.js';
import {
  DATAFLOW_PACKAGE_DIR,
  PACKAGE_FILES,
  buildDataflowArchive,
  mavenArchiveJars,
} from './dataflow/dataflow-archive.js';
import { ociDataflowPort, submitDataflowRun } from './dataflow/dataflow-submit.js';
import { assertOciCredentials } from './dataflow/oci-credentials.js';
import { heatwaveLoadPlan } from './heatwave/heatwave-load-plan.js';
import { formatPlan, runHeatwaveLoad } from './heatwave/run-heatwave-load.js';
import { fastLoad } from './loader/fast-loader.js';
import type { CliCommand } from './parse-cli.js';
import { rawFileFormat } from './raw/read-raw-records.js';
import { writeHistoryParts } from './raw/write-history-parts.js';
import { generateDataflowSql } from './spark/generate-dataflow-sql.js';
import { ensureJdbcProviderJar } from './jars/jdbc-provider-jar.js';
import { localJdbcParameters } from './spark/local-jdbc-parameters.js';
import { readRehearsalParameters } from './spark/rehearsal-parameters.js';
import { runLocalSpark, type LocalVault } from './spark/run-local-spark.js';
import { checkSqlParameters } from './spark/sql-parameters.js';
import { formatAssetRegisterCsv } from './register/asset-register-csv.js';
import { importAssetRegister } from './register/import-asset-register.js';
import { createFleet, createFleetMasterData, createFleetStock } from '@lakehouse/domain';
import { importStock } from './stock/import-stock.js';
import { formatStockCsv } from './stock/stock-csv.js';

/** What a command needs from its process: config, logger, output streams and a database. */
export interface CommandContext {
  readonly config: BulkLoadConfig;
  readonly logger: Logger;
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly openPool: () => Promise<Pool>;
  readonly databaseConfig: () => SqlConfig;
  /** MySQL host, port, schema and user of a Data Flow run (no password). */
  readonly dataflowTarget: () => DataflowTarget;
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

/** Runs the Data Flow script on local Spark with the provider jar on the classpath; prints the result. */
async function runSparkLocally(
  ctx: CommandContext,
  run: { readonly parameters: DataflowParameters; readonly vault: LocalVault },
): Promise<number> {
  const providerJar = await ensureJdbcProviderJar({
    javaBin: ctx.config.JAVA_BIN,
    sparkJarsDir: ctx.config.SPARK_JARS_DIR,
  });
  const result = await runLocalSpark({
    javaBin: ctx.config.JAVA_BIN,
    jarsDir: ctx.config.SPARK_JARS_DIR,
    providerJar,
    vault: run.vault,
    workDir: ctx.config.SPARK_WORK_DIR,
    master: ctx.config.SPARK_MASTER,
    driverMemoryMb: ctx.config.SPARK_DRIVER_MEMORY_MB,
    shufflePartitions: ctx.config.SPARK_SHUFFLE_PARTITIONS,
    sql: generateDataflowSql(),
    parameters: run.parameters,
    logger: ctx.logger,
    onProgress: (line) => ctx.stderr.write(`${line}\n`),
  });
  ctx.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
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
    case 'generate': {
      const started = performance.now();
      const { rows } = command.history;
      const result = await writeHistoryParts({
        outDir: resolve(command.outDir),
        history: command.history,
        parts: command.parts,
        nowMs: Date.now(),
        onProgress: (n) =>
          ctx.stderr.write(
            `generate: ${n.toLocaleString('en-US')} / ${rows.toLocaleString('en-US')} readings (${String(Math.floor((100 * n) / rows))} %)\n`,
          ),
      });
      ctx.stdout.write(
        `${JSON.stringify({
          rows: result.rows,
          files: result.files,
          bytes: result.bytes,
          startAt: new Date(result.startMs).toISOString(),
          endAt: new Date(result.endMs).toISOString(),
          seconds: Math.round((performance.now() - started) / 100) / 10,
        })}\n`,
      );
      return 0;
    }
    case 'spark-generate': {
      const sql = generateDataflowSql();
      if (command.outFile === undefined) ctx.stdout.write(sql);
      else await writeFile(command.outFile, sql);
      return 0;
    }
    case 'spark-run': {
      const jdbc = localJdbcParameters(ctx.databaseConfig());
      return runSparkLocally(ctx, {
        parameters: {
          raw_path: resolve(command.rawPath),
          rejects_path: resolve(command.rejectsPath),
          silver_path: resolve(command.silverPath),
          ...jdbc.parameters,
        },
        vault: jdbc.vault,
      });
    }
    case 'spark-run-parameters': {
      const parameters = await readRehearsalParameters(command.parametersFile);
      const standInFile = ctx.config.OCI_VAULT_STAND_IN_FILE;
      if (standInFile === undefined) {
        throw new ConfigError(
          'CONFIG_INVALID',
          'spark run --parameters needs OCI_VAULT_STAND_IN_FILE: the Vault stand-in file that resolves jdbc_credential',
        );
      }
      return runSparkLocally(ctx, { parameters, vault: { standInFile } });
    }
    case 'spark-provider': {
      const jar = await ensureJdbcProviderJar({
        javaBin: ctx.config.JAVA_BIN,
        sparkJarsDir: ctx.config.SPARK_JARS_DIR,
      });
      ctx.stdout.write(`${JSON.stringify({ providerJar: jar })}\n`);
      return 0;
    }
    case 'dataflow-package': {
      const providerJar = await ensureJdbcProviderJar({
        javaBin: ctx.config.JAVA_BIN,
        sparkJarsDir: ctx.config.SPARK_JARS_DIR,
      });
      const outDir = resolve(command.outDir ?? DATAFLOW_PACKAGE_DIR);
      await mkdir(outDir, { recursive: true });
      ctx.stderr.write(
        `dataflow package: fetching Connector/J and the OCI Java SDK with ${ctx.config.MVN_BIN}\n`,
      );
      const manifest = await buildDataflowArchive({
        providerJar,
        fetchJars: mavenArchiveJars(ctx.config.MVN_BIN),
        outDir,
        sql: generateDataflowSql(),
      });
      ctx.stdout.write(
        `${JSON.stringify({
          outDir,
          files: Object.values(PACKAGE_FILES),
          archiveSha256: manifest.archiveSha256,
          entries: manifest.entries,
        })}\n`,
      );
      return 0;
    }
    case 'dataflow-run': {
      const c = ctx.config;
      // Credentials first: without them nothing else is worth checking.
      const configFile = assertOciCredentials(c.OCI_CONFIG_FILE, c.OCI_PROFILE);
      const name = command.displayName ?? `bulk-load-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      const settings = dataflowRunSettings(c, name);
      const target = ctx.dataflowTarget();
      const sql = generateDataflowSql();
      const parameters = dataflowParameters(settings, {
        host: target.MYSQL_HOST,
        port: target.MYSQL_PORT,
        database: target.MYSQL_DATABASE,
        user: target.MYSQL_USER,
      });
      checkSqlParameters(sql, parameters);
      const scriptDir = await mkdtemp(join(tmpdir(), 'bulk-load-df-'));
      await writeFile(join(scriptDir, 'job.sql'), sql);
      const rawDir = resolve(command.rawDir);
      const rawFiles = (await readdir(rawDir, { recursive: true }))
        .map((f) => join(rawDir, f))
        .filter((f) => rawFileFormat(f) === 'csv' || rawFileFormat(f) === 'parquet');
      const outcome = await submitDataflowRun({
        port: await ociDataflowPort(configFile, c.OCI_PROFILE),
        settings,
        uploads: uploadPlan(settings, join(scriptDir, 'job.sql'), rawDir, rawFiles),
        parameters,
        pollIntervalMs: c.DATAFLOW_POLL_INTERVAL_MS,
        logger: ctx.logger,
        onProgress: (line) => ctx.stderr.write(`dataflow: ${line}\n`),
      });
      ctx.stdout.write(`${JSON.stringify(outcome)}\n`);
      return 0;
    }
    case 'assets-import': {
      const summary = await withPool(ctx, (pool) =>
        importAssetRegister({
          pool,
          file: command.file,
          outDir: command.outDir ?? ctx.config.BULK_LOAD_OUT_DIR,
          nowMs: Date.now(),
          logger: ctx.logger.child({ module: 'asset-register' }),
        }),
      );
      if (summary.rejected > 0) {
        ctx.logger.warn(
          { rejected: summary.rejected, rejectFile: summary.rejectFile },
          'some register lines were rejected; see the reject file',
        );
      }
      ctx.stdout.write(`${JSON.stringify(summary)}\n`);
      return 0;
    }
    case 'assets-generate': {
      const fleet = createFleet(command.fleet);
      const register = createFleetMasterData({
        seed: command.fleet.seed,
        fleet,
        asOfMs: command.asOfMs ?? Date.now(),
      });
      await writeFile(command.outFile, formatAssetRegisterCsv(register));
      ctx.stdout.write(`${JSON.stringify({ file: resolve(command.outFile), assets: register.length })}\n`);
      return 0;
    }
    case 'stock-import': {
      const summary = await withPool(ctx, (pool) =>
        importStock({
          pool,
          file: command.file,
          outDir: command.outDir ?? ctx.config.BULK_LOAD_OUT_DIR,
          logger: ctx.logger.child({ module: 'stock-import' }),
        }),
      );
      if (summary.rejected > 0) {
        ctx.logger.warn(
          { rejected: summary.rejected, rejectFile: summary.rejectFile },
          'some stock lines were rejected; see the reject file',
        );
      }
      ctx.stdout.write(`${JSON.stringify(summary)}\n`);
      return 0;
    }
    case 'stock-generate': {
      const rows = createFleetStock({ seed: command.fleet.seed, fleet: createFleet(command.fleet) });
      await writeFile(command.outFile, formatStockCsv(rows));
      ctx.stdout.write(`${JSON.stringify({ file: resolve(command.outFile), rows: rows.length })}\n`);
      return 0;
    }
    case 'heatwave-load': {
      return withPool(ctx, async (pool) => {
        const server = await detectServer(pool);
        const plan = heatwaveLoadPlan(server, {
          schema: ctx.databaseConfig().database,
          mode: ctx.config.HEATWAVE_LOAD_MODE,
          ...(ctx.config.HEATWAVE_SILVER_URI === undefined
            ? {}
            : { silverUri: ctx.config.HEATWAVE_SILVER_URI }),
          ...(ctx.config.HEATWAVE_SILVER_REGION === undefined
            ? {}
            : { silverRegion: ctx.config.HEATWAVE_SILVER_REGION }),
          fileForm: ctx.config.HEATWAVE_LAKEHOUSE_FILE_FORM,
        });
        if (command.isDryRun) {
          ctx.stdout.write(formatPlan(plan, ctx.config.HEATWAVE_SILVER_DIR));
          return 0;
        }
        const result = await runHeatwaveLoad({
          pool,
          plan,
          ...(ctx.config.HEATWAVE_SILVER_DIR === undefined
            ? {}
            : { silverDir: ctx.config.HEATWAVE_SILVER_DIR }),
          logger: ctx.logger,
        });
        ctx.stdout.write(
          `${JSON.stringify({ kind: plan.kind, notes: plan.notes, lakehouseFileForm: plan.lakehouseFileForm, ...result })}\n`,
        );
        return 0;
      });
    }
  }
}
