import { ConfigError, type Logger } from '@lakehouse/runtime';
import type { SqlConfig } from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import type { BulkLoadConfig } from './config.js';
import { detectServer } from '@lakehouse/sql';
import { readdir, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dataflowParameters, uploadPlan, type DataflowRunSettings } from './dataflow/dataflow-requests.js';
import { ociDataflowPort, submitDataflowRun } from './dataflow/dataflow-submit.js';
import { assertOciCredentials } from './dataflow/oci-credentials.js';
import { heatwaveLoadPlan } from './heatwave/heatwave-load-plan.js';
import { formatPlan, runHeatwaveLoad } from './heatwave/run-heatwave-load.js';
import { fastLoad } from './loader/fast-loader.js';
import type { CliCommand } from './parse-cli.js';
import { rawFileFormat } from './raw/read-raw-records.js';
import { writeHistoryParts } from './raw/write-history-parts.js';
import { generateDataflowSql } from './spark/generate-dataflow-sql.js';
import { runLocalSpark } from './spark/run-local-spark.js';
import { checkSqlParameters } from './spark/sql-parameters.js';

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
      const db = ctx.databaseConfig();
      const result = await runLocalSpark({
        javaBin: ctx.config.JAVA_BIN,
        jarsDir: ctx.config.SPARK_JARS_DIR,
        workDir: ctx.config.SPARK_WORK_DIR,
        master: ctx.config.SPARK_MASTER,
        driverMemoryMb: ctx.config.SPARK_DRIVER_MEMORY_MB,
        shufflePartitions: ctx.config.SPARK_SHUFFLE_PARTITIONS,
        sql: generateDataflowSql(),
        parameters: {
          raw_path: resolve(command.rawPath),
          rejects_path: resolve(command.rejectsPath),
          silver_path: resolve(command.silverPath),
          jdbc_connection: `jdbc:mysql://${db.host}:${String(db.port)}/${db.database}?${db.tlsMode === 'disabled' ? 'useSSL=false' : 'sslMode=REQUIRED'}&connectionTimeZone=UTC&rewriteBatchedStatements=true`,
          jdbc_driver: 'com.mysql.cj.jdbc.Driver',
          jdbc_user: db.user,
          jdbc_pass: db.password,
        },
        logger: ctx.logger,
        onProgress: (line) => ctx.stderr.write(`${line}\n`),
      });
      ctx.stdout.write(`${JSON.stringify(result)}\n`);
      return 0;
    }
    case 'dataflow-run': {
      const c = ctx.config;
      // Credentials first: without them nothing else is worth checking.
      const configFile = assertOciCredentials(c.OCI_CONFIG_FILE, c.OCI_PROFILE);
      const missing = (
        [
          ['OCI_COMPARTMENT_ID', c.OCI_COMPARTMENT_ID],
          ['OCI_NAMESPACE', c.OCI_NAMESPACE],
          ['DATAFLOW_BUCKET', c.DATAFLOW_BUCKET],
        ] as const
      ).filter(([, v]) => v === undefined);
      if (
        missing.length > 0 ||
        c.OCI_COMPARTMENT_ID === undefined ||
        c.OCI_NAMESPACE === undefined ||
        c.DATAFLOW_BUCKET === undefined
      ) {
        throw new ConfigError('CONFIG_INVALID', `dataflow run needs ${missing.map(([k]) => k).join(', ')}`);
      }
      const name = command.displayName ?? `bulk-load-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      const settings: DataflowRunSettings = {
        compartmentId: c.OCI_COMPARTMENT_ID,
        namespace: c.OCI_NAMESPACE,
        bucket: c.DATAFLOW_BUCKET,
        runPrefix: `bulk-load/${name}/`,
        displayName: name,
        sparkVersion: c.DATAFLOW_SPARK_VERSION,
        driverShape: c.DATAFLOW_DRIVER_SHAPE,
        executorShape: c.DATAFLOW_EXECUTOR_SHAPE,
        numExecutors: c.DATAFLOW_NUM_EXECUTORS,
        ...(c.DATAFLOW_LOGS_BUCKET_URI === undefined ? {} : { logsBucketUri: c.DATAFLOW_LOGS_BUCKET_URI }),
        ...(c.DATAFLOW_ARCHIVE_URI === undefined ? {} : { archiveUri: c.DATAFLOW_ARCHIVE_URI }),
        ...(c.DATAFLOW_PRIVATE_ENDPOINT_ID === undefined
          ? {}
          : { privateEndpointId: c.DATAFLOW_PRIVATE_ENDPOINT_ID }),
      };
      const sql = generateDataflowSql();
      const parameters = dataflowParameters(settings, ctx.databaseConfig());
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
