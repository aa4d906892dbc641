/**
 * Benchmark of the bulk-load paths, in one run:
 *   1. the Data Flow Spark SQL job on local Spark for M readings (wall time, JVM start included), on an empty schema;
 *   2. the fast loader (validation + streamed LOAD DATA) on N generated readings, as CSV parts;
 *   3. native LOAD DATA LOCAL INFILE of the very same files (server-side parsing, no validation): the ceiling.
 * Flags: --rows N (default 10,000,000), --spark-rows M (default 1,000,000), --parts P (default 4), --skip-spark.
 * Progress goes to stderr; the last line of stdout is one JSON object.
 */
import { createSeededRandom, generateHistory } from '@lakehouse/domain';
import { createLogger } from '@lakehouse/runtime';
import { createSqlPool, migrate } from '@lakehouse/sql';
import { createThrowawaySchema, readStackSettings, reapedChildrenCpuMs, stackDir } from '@lakehouse/testing';
import type { Pool, ResultSetHeader } from 'mysql2/promise';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fastLoad } from '../src/loader/fast-loader.js';
import { writeRawCsv, type RawReadingRow } from '../src/raw/write-raw-readings.js';
import { generateDataflowSql } from '../src/spark/generate-dataflow-sql.js';
import { runLocalSpark } from '../src/spark/run-local-spark.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    'spark-rows': { type: 'string', default: '1000000' },
    parts: { type: 'string', default: '4' },
    'skip-spark': { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
const SPARK_ROWS = Number(values['spark-rows']);
const PARTS = Number(values.parts);
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
    if (!values['skip-spark']) {
      const raw = join(dir, 'spark-raw');
      await mkdir(raw);
      say(`Spark job on ${SPARK_ROWS.toLocaleString('en-US')} readings (local[2])`);
      await writeRawCsv(join(raw, 'part-0.csv'), rows(SPARK_ROWS, 7, 0));
      const cpuBefore = reapedChildrenCpuMs() / 1000;
      const result = await runLocalSpark({
        javaBin: process.env['JAVA_BIN'] ?? 'java',
        jarsDir: join(stackDir(process.env), 'spark', 'lib'),
        workDir: join(stackDir(process.env), 'spark', 'work'),
        master: 'local[2]',
        driverMemoryMb: 3_072,
        shufflePartitions: 4,
        sql: generateDataflowSql(),
        parameters: {
          raw_path: raw,
          rejects_path: join(dir, 'spark-rejects'),
          silver_path: join(dir, 'spark-silver'),
          jdbc_connection: `jdbc:mysql://${schema.host}:${String(schema.port)}/${schema.database}?useSSL=false&connectionTimeZone=UTC&rewriteBatchedStatements=true`,
          jdbc_driver: 'com.mysql.cj.jdbc.Driver',
          jdbc_user: schema.user,
          jdbc_pass: schema.password,
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

    await pool.query('TRUNCATE TABLE readings');
    say('fast loader (validation + streamed LOAD DATA), concurrency 2');
    const loader = await fastLoad({
      pool,
      files,
      outDir: join(dir, 'out'),
      concurrency: 2,
      chunkRows: 250_000,
      nowMs: Date.now(),
      logger,
      progressOutput: process.stderr,
    });
    const loaded = await countReadings(pool);
    say(`fast loader: ${loaded.toLocaleString('en-US')} rows in ${loader.seconds.toFixed(1)} s`);

    await pool.query('TRUNCATE TABLE readings');
    say('native LOAD DATA LOCAL INFILE of the same files, concurrency 2');
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
    const nativeSeconds = (performance.now() - nativeStarted) / 1000;
    const nativeRows = await countReadings(pool);
    say(`native: ${nativeRows.toLocaleString('en-US')} rows in ${nativeSeconds.toFixed(1)} s`);

    const loaderRowsPerSec = Math.round(loaded / loader.seconds);
    const loadDataRowsPerSec = Math.round(nativeRows / nativeSeconds);
    process.stdout.write(
      `${JSON.stringify({
        rows: ROWS,
        fileBytes: bytes,
        loaderRowsPerSec,
        loadDataRowsPerSec,
        loaderShareOfLoadData: Math.round((loaderRowsPerSec / loadDataRowsPerSec) * 1000) / 1000,
        loaderRowsStored: loaded,
        loadDataRowsStored: nativeRows,
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
