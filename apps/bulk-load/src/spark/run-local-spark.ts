import { DATAFLOW_CREDENTIAL_PARAMETER, REDACTION_BREAK } from '@lakehouse/contracts';
import { AppError, ConfigError, formatSeconds, type Logger } from '@lakehouse/runtime';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { checkSqlParameters } from './sql-parameters.js';
import { SPARK_LOG4J2_PROPERTIES, sparkInitSql, sparkSqlJavaArgs } from './spark-submit-args.js';

/**
 * Where the JDBC connection provider finds the password named by `jdbc_credential`: an existing Vault stand-in file
 * (the rehearsal of a deploy), or the secrets to write into one in the run's scratch folder (mode 0600, deleted
 * after the run).
 */
export type LocalVault =
  { readonly standInFile: string } | { readonly secrets: Readonly<Record<string, string>> };

/** Options of {@link runLocalSpark}. */
export interface LocalSparkRun {
  readonly javaBin: string;
  readonly jarsDir: string;
  /** The Spark JDBC connection provider's jar (ensureJdbcProviderJar). */
  readonly providerJar: string;
  readonly vault: LocalVault;
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

/** Checks, before the JVM starts, that the stand-in holds the secret the credential parameter names. */
async function assertVaultHolds(vault: LocalVault, secretOcid: string | undefined): Promise<void> {
  if (secretOcid === undefined) return;
  let secrets: unknown;
  if ('secrets' in vault) secrets = vault.secrets;
  else {
    try {
      secrets = JSON.parse(await readFile(vault.standInFile, 'utf8'));
    } catch (err: unknown) {
      throw new ConfigError('CONFIG_INVALID', `cannot read the Vault stand-in file ${vault.standInFile}`, {
        cause: err,
        context: { file: vault.standInFile },
      });
    }
  }
  if (typeof (secrets as Record<string, unknown> | null)?.[secretOcid] !== 'string') {
    const where =
      'standInFile' in vault ? `the Vault stand-in file ${vault.standInFile}` : 'the given secrets';
    throw new ConfigError(
      'CONFIG_INVALID',
      `${where} holds no secret ${secretOcid} (parameter ${DATAFLOW_CREDENTIAL_PARAMETER})`,
      { context: { secretOcid } },
    );
  }
}

/**
 * Runs a Spark SQL script on local Spark (SparkSubmit + the SQL CLI driver, one JVM, spawned with an argument
 * array). Every `${name}` of the script must have a value, checked before the JVM starts. The parameters travel
 * in an init script readable only by the owner, deleted after the run. No password is among them: the JDBC views
 * get it from the connection provider on the classpath, which resolves `jdbc_credential` through the Vault
 * stand-in file (written here, mode 0600, when the run is given the secrets; deleted after the run). Throws
 * SPARK_JOB_FAILED with the end of Spark's log when the job fails.
 */
export async function runLocalSpark(run: LocalSparkRun): Promise<LocalSparkResult> {
  checkSqlParameters(run.sql, run.parameters);
  const jarsDir = resolve(run.jarsDir);
  assertJars(jarsDir);
  if (!existsSync(run.providerJar)) {
    throw new AppError(
      'SPARK_JOB_FAILED',
      `no JDBC connection provider jar at ${run.providerJar}: run \`npx nx run bulk-load:jdbc-provider\``,
      { context: { providerJar: run.providerJar } },
    );
  }
  // The parameter carries the OCID in redaction-safe form; the stand-in is keyed by the OCID itself.
  await assertVaultHolds(
    run.vault,
    run.parameters[DATAFLOW_CREDENTIAL_PARAMETER]?.split(REDACTION_BREAK).join(''),
  );
  const dir = resolve(run.workDir, `run-${randomUUID().slice(0, 8)}`);
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const sqlFile = join(dir, 'job.sql');
  const initFile = join(dir, 'init.sql');
  const log4j2File = join(dir, 'log4j2.properties');
  const standInFile =
    'standInFile' in run.vault ? resolve(run.vault.standInFile) : join(dir, 'vault-stand-in.json');
  await writeFile(sqlFile, run.sql);
  await writeFile(initFile, sparkInitSql(run.parameters), { mode: 0o600 });
  if ('secrets' in run.vault)
    await writeFile(standInFile, JSON.stringify(run.vault.secrets), { mode: 0o600 });
  await writeFile(log4j2File, SPARK_LOG4J2_PROPERTIES);
  const args = sparkSqlJavaArgs({
    jarsDir,
    providerJar: resolve(run.providerJar),
    vaultStandInFile: standInFile,
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
      `spark: ${String(done)}/${String(total)} statements done, ${formatSeconds(performance.now() - started, 0)}`,
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
    if ('secrets' in run.vault) await rm(standInFile, { force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = parseSparkSummary(stdout);
  log.info({ seconds, ...summary }, 'local Spark job finished');
  await rm(dir, { recursive: true, force: true });
  // stdout also echoes the init script's SET lines: it is never returned or logged.
  return { seconds, ...(summary === undefined ? {} : { summary }) };
}
