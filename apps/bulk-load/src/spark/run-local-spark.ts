import { AppError, type Logger } from '@lakehouse/runtime';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { checkSqlParameters } from './sql-parameters.js';
import { SPARK_LOG4J2_PROPERTIES, sparkInitSql, sparkSqlJavaArgs } from './spark-submit-args.js';

/** Options of {@link runLocalSpark}. */
export interface LocalSparkRun {
  readonly javaBin: string;
  readonly jarsDir: string;
  /** Parent of the per-run scratch folders. */
  readonly workDir: string;
  readonly master: string;
  readonly driverMemoryMb: number;
  readonly shufflePartitions: number;
  readonly sql: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly logger: Logger;
  /** Progress lines (statement k of n, heartbeat). */
  readonly onProgress?: (line: string) => void;
  /** @default 15_000 */
  readonly heartbeatMs?: number;
}

/** The job's own count line (last statement of the generated script). */
export interface SparkJobSummary {
  readonly records: number;
  readonly validRows: number;
  readonly rejectedRows: number;
  readonly hourlyRows: number;
}

/** Result of {@link runLocalSpark}. */
export interface LocalSparkResult {
  readonly seconds: number;
  readonly summary?: SparkJobSummary;
}

/** Reads the `bulk-load summary` row the generated script prints last. */
export function parseSparkSummary(stdout: string): SparkJobSummary | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith('bulk-load summary\t'));
  if (line === undefined) return undefined;
  const [, records, valid, rejected, hourly] = line.split('\t').map((v) => v.trim());
  return {
    records: Number(records),
    validRows: Number(valid),
    rejectedRows: Number(rejected),
    hourlyRows: Number(hourly),
  };
}

/** Number of statements in a script (each ends with `;` at the end of a line). */
export function countStatements(sql: string): number {
  return sql.split('\n').filter((l) => /;\s*$/.test(l) && !l.trimStart().startsWith('--')).length;
}

function assertJars(jarsDir: string): void {
  const hasSpark =
    existsSync(jarsDir) && readdirSync(jarsDir).some((f) => /^spark-hive-thriftserver_.*\.jar$/.test(f));
  if (!hasSpark) {
    throw new AppError(
      'SPARK_JOB_FAILED',
      `no Spark jars in ${jarsDir}: run \`npx nx run tools:spark-jars\` (fetches them from Maven Central) or set SPARK_JARS_DIR`,
      { context: { jarsDir } },
    );
  }
}

/**
 * Runs a Spark SQL script on local Spark (SparkSubmit + the SQL CLI driver, one JVM, spawned with an argument
 * array). Every `${name}` of the script must have a value, checked before the JVM starts. The parameters travel
 * in an init script readable only by the owner, deleted after the run, so the JDBC password never shows in the
 * process list. Throws SPARK_JOB_FAILED with the end of Spark's log when the job fails.
 */
export async function runLocalSpark(run: LocalSparkRun): Promise<LocalSparkResult> {
  checkSqlParameters(run.sql, run.parameters);
  const jarsDir = resolve(run.jarsDir);
  assertJars(jarsDir);
  const dir = resolve(run.workDir, `run-${randomUUID().slice(0, 8)}`);
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const sqlFile = join(dir, 'job.sql');
  const initFile = join(dir, 'init.sql');
  const log4j2File = join(dir, 'log4j2.properties');
  await writeFile(sqlFile, run.sql);
  await writeFile(initFile, sparkInitSql(run.parameters), { mode: 0o600 });
  await writeFile(log4j2File, SPARK_LOG4J2_PROPERTIES);
  const args = sparkSqlJavaArgs({
    jarsDir,
    workDir: dir,
    master: run.master,
    driverMemoryMb: run.driverMemoryMb,
    shufflePartitions: run.shufflePartitions,
    log4j2File,
    sqlFile,
    initFile,
    appName: 'bulk-load',
  });
  const total = countStatements(run.sql);
  const progress = run.onProgress ?? (() => undefined);
  const started = performance.now();
  const tail: string[] = [];
  // Spark echoes the failing statement and its plan after the error: keep the error lines apart from the tail.
  const errors: string[] = [];
  let stdout = '';
  let done = 0;
  const log = run.logger.child({ module: 'local-spark', workDir: dir });
  log.info({ master: run.master, statements: total }, 'starting local Spark');
  progress(`spark: starting ${run.master} (JVM start), ${String(total)} statements`);
  const heartbeat = setInterval(() => {
    progress(
      `spark: ${String(done)}/${String(total)} statements done, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }, run.heartbeatMs ?? 15_000);
  try {
    const code = await new Promise<number | null>((done_, fail) => {
      // The Derby metastore and spark-warehouse land in the cwd: one scratch folder per run.
      const child = spawn(run.javaBin, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      child.once('error', fail);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      createInterface({ input: child.stderr }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (
          errors.length < 10 &&
          /(Exception|Error)\b|^Error|^\[[A-Z_.]+\]/.test(line) &&
          !line.startsWith('\tat ')
        )
          errors.push(line);
        if (line.startsWith('Time taken:')) {
          done += 1;
          progress(`spark: statement ${String(done)}/${String(total)} done (${line.slice(12).trim()})`);
        }
      });
      child.once('close', (c) => done_(c));
    });
    if (code !== 0) {
      throw new AppError(
        'SPARK_JOB_FAILED',
        `Spark SQL job failed (exit ${String(code)}) after ${String(done)}/${String(total)} statements:\n${errors.join('\n')}\n...\n${tail.join('\n')}`,
        { context: { workDir: dir, statementsDone: done } },
      );
    }
  } catch (err: unknown) {
    if (err instanceof AppError) throw err;
    throw new AppError('SPARK_JOB_FAILED', `cannot start ${run.javaBin}: set JAVA_BIN to a JDK 17 java`, {
      cause: err,
    });
  } finally {
    clearInterval(heartbeat);
    await rm(initFile, { force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = parseSparkSummary(stdout);
  log.info({ seconds, ...summary }, 'local Spark job finished');
  await rm(dir, { recursive: true, force: true });
  // stdout also echoes the init script's SET lines (the password among them): it is never returned or logged.
  return { seconds, ...(summary === undefined ? {} : { summary }) };
}
