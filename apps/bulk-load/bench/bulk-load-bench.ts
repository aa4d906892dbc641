/**
 * Benchmark of the bulk-load paths, in one run:
 *   1. the Data Flow Spark SQL job on local Spark for M readings (wall time, JVM start included), on an empty schema;
 *   2. the fast loader (validation + streamed LOAD DATA) on N generated readings, as CSV parts;
 *   3. native LOAD DATA LOCAL INFILE of the very same files (server-side parsing, no validation): the ceiling.
 *   Steps 2 and 3 run R times each (--rounds, default 3) in the order L N N L L N; rates are over all rounds.
 * Flags: --rows N (default 10,000,000), --spark-rows M (default 1,000,000), --parts P (default 4), --rounds R,
 * --skip-spark.
 * Progress goes to stderr; the last line of stdout is one JSON object.
 */
import { createSeededRandom, generateHistory } from '@lakehouse/domain';
import { createLogger } from '@lakehouse/runtime';
import { createSqlPool, migrate } from '@lakehouse/sql';
import {
  createThrowawaySchema,
  processCpuMs,
  readStackSettings,
  reapedChildrenCpuMs,
  stackDir,
} from '@lakehouse/testing';
import type { Pool, ResultSetHeader } from 'mysql2/promise';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineCommand, parseOrExit } from '@lakehouse/cli';
import { Type } from '@sinclair/typebox';
import { DEFAULT_CHUNK_ROWS } from '../src/config.js';
import { fastLoad } from '../src/loader/fast-loader.js';
import { writeRawCsv, type RawReadingRow } from '../src/raw/write-raw-readings.js';
import { generateDataflowSql } from '../src/spark/generate-dataflow-sql.js';
import { ensureJdbcProviderJar } from '../src/jars/jdbc-provider-jar.js';
import { localJdbcParameters } from '../src/spark/local-jdbc-parameters.js';
import { runLocalSpark } from '../src/spark/run-local-spark.js';

const {
  rows: ROWS,
  'spark-rows': SPARK_ROWS,
  parts: PARTS,
  rounds: ROUNDS,
  'skip-spark': isSparkSkipped,
} = parseOrExit(
  defineCommand({
    name: 'bench',
    invocation: 'npx nx run bulk-load:bench --',
    summary: 'Measures the fast loader and the local Spark job.',
    flags: {
      rows: Type.Integer({ minimum: 1, default: 10_000_000, description: 'rows of the loader runs' }),
      'spark-rows': Type.Integer({ minimum: 1, default: 1_000_000, description: 'rows of the Spark run' }),
      parts: Type.Integer({ minimum: 1, default: 4, description: 'raw CSV parts' }),
      'skip-spark': Type.Boolean({ default: false, description: 'no Spark run' }),
      rounds: Type.Integer({ minimum: 1, default: 3, description: 'rounds per measurement' }),
    },
    build: ({ flags }) => flags,
  }),
  process.argv.slice(2),
);
const say = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
const logger = createLogger({ name: 'bulk-load-bench', level: 'warn' }, process.stderr);

function* rows(count: number, seed: number, offset: number): Generator<RawReadingRow> {
  const random = createSeededRandom(seed + 1);
  for (const reading of generateHistory({
    seed,
    rows: count,
    assets: 200,
    sites: 4,
    linesPerSite: 5,
    // Parts cover disjoint time ranges, so keys never collide across parts.
    startMs: Date.UTC(2025, 0, 1) + offset * 1_000,
    intervalMs: 1_000 * PARTS,
  })) {
    yield { reading, failureProbability: random.next() < 0.25 ? null : random.next() };
  }
}

async function countReadings(pool: Pool): Promise<number> {
  const [r] = await pool.query<(ResultSetHeader & { n: number })[]>('SELECT COUNT(*) AS n FROM readings');
  return Number(r[0]?.n ?? 0);
}

/** The hand-written LOAD DATA of a raw CSV part: what the server can do alone, without validation. */
const NATIVE_LOAD_SQL = `LOAD DATA LOCAL INFILE 'stream' REPLACE INTO TABLE readings CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n' IGNORE 1 LINES
  (asset_id, @recorded_at, asset_type, @site_id, @line_id, air_temperature_k, process_temperature_k,
   rotational_speed_rpm, torque_nm, tool_wear_min, @mf, @twf, @hdf, @pwf, @osf, @rnf, @fp)
  SET recorded_at = STR_TO_DATE(@recorded_at, '%Y-%m-%dT%H:%i:%s.%fZ'),
    power_w = torque_nm * rotational_speed_rpm * (2 * PI() / 60),
    temperature_difference_k = process_temperature_k - air_temperature_k,
    overstrain_min_nm = tool_wear_min * torque_nm,
    machine_failure = NULLIF(@mf, ''), twf = NULLIF(@twf, ''), hdf = NULLIF(@hdf, ''), pwf = NULLIF(@pwf, ''),
    osf = NULLIF(@osf, ''), rnf = NULLIF(@rnf, ''), failure_probability = NULLIF(@fp, ''), source = 'bulk'`;

/** One timed load: wall seconds, rows stored, CPU seconds of the database server and of this process. */
interface Phase {
  readonly seconds: number;
  readonly rows: number;
  readonly dbCpuSeconds: number;
  readonly ownCpuSeconds: number;
}

function mariadbPid(): number {
  return Number(readFileSync(join(stackDir(process.env), 'mariadb', 'mariadbd.pid'), 'utf8').trim());
}

/** CPU used from now on by the database server and by this process (its worker threads included). */
function cpuMark(): { used: () => Pick<Phase, 'dbCpuSeconds' | 'ownCpuSeconds'> } {
  const pid = mariadbPid();
  const db = processCpuMs(pid);
  const own = process.cpuUsage();
  return {
    used: () => {
      const ownNow = process.cpuUsage(own);
      return {
        dbCpuSeconds: (processCpuMs(pid) - db) / 1000,
        ownCpuSeconds: (ownNow.user + ownNow.system) / 1e6,
      };
    },
  };
}
const cpuText = (p: Phase): string =>
  `CPU: database ${p.dbCpuSeconds.toFixed(1)} s, loader process ${p.ownCpuSeconds.toFixed(1)} s`;

async function main(): Promise<void> {
  const settings = readStackSettings(stackDir(process.env));
  const schema = await createThrowawaySchema(settings, 'bench');
  const pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 3, connectTimeoutMs: 5_000 });
  const dir = await mkdtemp(join(tmpdir(), 'bulk-load-bench-'));
  try {
    await migrate(pool);
    // The Spark job first, on an empty schema: after 20,000,000 rows of loads InnoDB keeps flushing and purging for
    // minutes, which a job started then would pay for (it measured 108 s there against 82 s on a quiet database).
    let spark: { seconds: number; rows: number; cpuSeconds: number } | undefined;
    if (!isSparkSkipped) {
      const raw = join(dir, 'spark-raw');
      await mkdir(raw);
      say(`Spark job on ${SPARK_ROWS.toLocaleString('en-US')} readings (local[2])`);
      await writeRawCsv(join(raw, 'part-0.csv'), rows(SPARK_ROWS, 7, 0));
      const javaBin = process.env['JAVA_BIN'] ?? 'java';
      const jarsDir = join(stackDir(process.env), 'spark', 'lib');
      // Built (or found) before the CPU count starts: javac is a child process too.
      const providerJar = await ensureJdbcProviderJar({ javaBin, sparkJarsDir: jarsDir });
      const jdbc = localJdbcParameters({ ...schema, tlsMode: 'disabled' });
      const cpuBefore = reapedChildrenCpuMs() / 1000;
      const result = await runLocalSpark({
        javaBin,
        jarsDir,
        providerJar,
        vault: jdbc.vault,
        workDir: join(stackDir(process.env), 'spark', 'work'),
        master: 'local[2]',
        driverMemoryMb: 3_072,
        shufflePartitions: 4,
        sql: generateDataflowSql(),
        parameters: {
          raw_path: raw,
          rejects_path: join(dir, 'spark-rejects'),
          silver_path: join(dir, 'spark-silver'),
          ...jdbc.parameters,
        },
        logger,
        onProgress: say,
      });
      // The Spark JVM is a child of this process: once it has exited, its CPU time is in the reaped-children time.
      const cpuSeconds = reapedChildrenCpuMs() / 1000 - cpuBefore;
      spark = { seconds: result.seconds, rows: await countReadings(pool), cpuSeconds };
      say(`Spark: ${spark.rows.toLocaleString('en-US')} rows stored in ${result.seconds.toFixed(1)} s`);
    }

    say(`generating ${ROWS.toLocaleString('en-US')} readings as ${String(PARTS)} CSV parts in ${dir}`);
    const files: string[] = [];
    let bytes = 0;
    for (let p = 0; p < PARTS; p += 1) {
      const file = join(dir, `part-${String(p)}.csv`);
      const count = Math.floor(ROWS / PARTS) + (p < ROWS % PARTS ? 1 : 0);
      await writeRawCsv(file, rows(count, 100 + p, p));
      files.push(file);
      bytes += (await stat(file)).size;
      say(`part ${String(p + 1)}/${String(PARTS)} written (${count.toLocaleString('en-US')} rows)`);
    }
    // On disk before the first load: otherwise that load shares the disk with the write-back of the new files.
    for (const file of files) {
      const handle = await open(file, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    say('parts flushed to disk');

    let loaderRuns = 0;
    const runLoader = async (): Promise<Phase> => {
      await pool.query('TRUNCATE TABLE readings');
      say('fast loader (validation + streamed LOAD DATA), concurrency 2');
      const cpu = cpuMark();
      const loader = await fastLoad({
        pool,
        files,
        outDir: join(dir, `out-${String(loaderRuns++)}`),
        concurrency: 2,
        chunkRows: DEFAULT_CHUNK_ROWS,
        nowMs: Date.now(),
        logger,
        progressOutput: process.stderr,
      });
      const phase = { seconds: loader.seconds, rows: await countReadings(pool), ...cpu.used() };
      say(
        `fast loader: ${phase.rows.toLocaleString('en-US')} rows in ${phase.seconds.toFixed(1)} s (${cpuText(phase)})`,
      );
      return phase;
    };
    const runNative = async (): Promise<Phase> => {
      await pool.query('TRUNCATE TABLE readings');
      say('native LOAD DATA LOCAL INFILE of the same files, concurrency 2');
      const cpu = cpuMark();
      const nativeStarted = performance.now();
      const queue = [...files];
      let done = 0;
      const heartbeat = setInterval(
        () => say(`native: ${String(done)}/${String(files.length)} files done`),
        10_000,
      );
      await Promise.all(
        [0, 1].map(async () => {
          for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
            const path = file;
            await pool.query({
              sql: NATIVE_LOAD_SQL,
              infileStreamFactory: () => createReadStream(path, { highWaterMark: 64 * 1024 }),
            });
            done += 1;
          }
        }),
      );
      clearInterval(heartbeat);
      const phase = {
        seconds: (performance.now() - nativeStarted) / 1000,
        rows: await countReadings(pool),
        ...cpu.used(),
      };
      say(
        `native: ${phase.rows.toLocaleString('en-US')} rows in ${phase.seconds.toFixed(1)} s (${cpuText(phase)})`,
      );
      return phase;
    };
    // Both loads ROUNDS times, in the order L N N L L N ...: neither gets the machine's first or
    // quieter minutes to itself (the first load after writing the files shares the disk with their write-back).
    const loaderPhases: Phase[] = [];
    const nativePhases: Phase[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      say(`round ${String(round + 1)}/${String(ROUNDS)}`);
      if (round % 2 === 0) {
        loaderPhases.push(await runLoader());
        nativePhases.push(await runNative());
      } else {
        nativePhases.push(await runNative());
        loaderPhases.push(await runLoader());
      }
    }
    const rate = (phases: readonly Phase[]): number =>
      phases.reduce((n, p) => n + p.rows, 0) / phases.reduce((n, p) => n + p.seconds, 0);
    const seconds = (phases: readonly Phase[]): number[] =>
      phases.map((p) => Math.round(p.seconds * 10) / 10);
    const cpu = (phases: readonly Phase[], key: 'dbCpuSeconds' | 'ownCpuSeconds'): number =>
      Math.round((phases.reduce((n, p) => n + p[key], 0) / phases.length) * 10) / 10;
    const loaderRowsPerSec = Math.round(rate(loaderPhases));
    const loadDataRowsPerSec = Math.round(rate(nativePhases));
    process.stdout.write(
      `${JSON.stringify({
        rows: ROWS,
        fileBytes: bytes,
        loaderRowsPerSec,
        loadDataRowsPerSec,
        loaderShareOfLoadData: Math.round((loaderRowsPerSec / loadDataRowsPerSec) * 1000) / 1000,
        rounds: ROUNDS,
        loaderSeconds: seconds(loaderPhases),
        loadDataSeconds: seconds(nativePhases),
        loaderRowsStored: Math.min(...loaderPhases.map((p) => p.rows)),
        loadDataRowsStored: Math.min(...nativePhases.map((p) => p.rows)),
        loaderCpuSeconds: {
          database: cpu(loaderPhases, 'dbCpuSeconds'),
          loader: cpu(loaderPhases, 'ownCpuSeconds'),
        },
        loadDataCpuSeconds: {
          database: cpu(nativePhases, 'dbCpuSeconds'),
          client: cpu(nativePhases, 'ownCpuSeconds'),
        },
        sparkRows: spark === undefined ? 0 : SPARK_ROWS,
        sparkSeconds: spark === undefined ? null : Math.round(spark.seconds * 10) / 10,
        sparkRowsPerSec: spark === undefined ? null : Math.round(spark.rows / spark.seconds),
        sparkRowsStored: spark?.rows ?? null,
        sparkJvmCpuSeconds: spark === undefined ? null : Math.round(spark.cpuSeconds * 10) / 10,
      })}\n`,
    );
  } finally {
    await pool.end();
    await schema.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
