import { createLogger } from '@lakehouse/runtime';
import { createSqlPool, migrate } from '@lakehouse/sql';
import { createThrowawaySchema, readStackSettings, stackDir, type ThrowawaySchema } from '@lakehouse/testing';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCsvHeader, rawCsvLine, writeRawJsonLines, writeRawParquet } from '../raw/write-raw-readings.js';
import { sampleRows } from '../testing/sample-rows.js';
import { fastLoad, type FastLoadOptions } from './fast-loader.js';
import type { CheckpointState } from './load-checkpoint.js';

const logger = createLogger({ name: 'fast-loader-int', level: 'silent' });
const NOW_MS = Date.UTC(2026, 5, 1);

async function count(pool: Pool, where = '1=1'): Promise<number> {
  const [rows] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM readings WHERE ${where}`);
  return Number(rows[0]!.n);
}

async function rejectLines(
  file: string,
): Promise<{ line: number; reasons: { reason: string; path: string }[] }[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { line: number; reasons: { reason: string; path: string }[] });
}

/** A CSV of `good` rows with bad lines spliced in after the given good-row counts; returns their line numbers. */
async function csvWithBadRows(
  path: string,
  good: ReturnType<typeof sampleRows>,
  bad: readonly { readonly after: number; readonly line: (template: string) => string }[],
): Promise<number[]> {
  let text = rawCsvHeader();
  let lineNo = 1;
  const badLines: number[] = [];
  good.forEach((row, i) => {
    text += rawCsvLine(row);
    lineNo += 1;
    for (const b of bad.filter((x) => x.after === i + 1)) {
      text += `${b.line(rawCsvLine(row).trimEnd())}\n`;
      lineNo += 1;
      badLines.push(lineNo);
    }
  });
  await writeFile(path, text);
  return badLines;
}

// Field positions in the raw layout: asset_id, recorded_at, asset_type, site_id, line_id, air, process, rpm, ...
const withField = (line: string, index: number, value: string): string => {
  const fields = line.split(',');
  fields[index] = value;
  return fields.join(',');
};

describe('fast loader against MariaDB', () => {
  let schema: ThrowawaySchema;
  let pool: Pool;
  let dir: string;
  const base = (): Omit<FastLoadOptions, 'files' | 'outDir'> => ({
    pool,
    concurrency: 2,
    chunkRows: 500,
    nowMs: NOW_MS,
    logger,
  });

  beforeAll(async () => {
    schema = await createThrowawaySchema(readStackSettings(stackDir(process.env)));
    pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 3, connectTimeoutMs: 5_000 });
    await migrate(pool);
    dir = await mkdtemp(join(tmpdir(), 'bulk-load-it-'));
  });
  afterAll(async () => {
    await pool?.end();
    await schema?.drop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('loads CSV, JSON lines and Parquet files in parallel with exact counts, and a re-run adds no duplicates', async () => {
    await pool.query('TRUNCATE TABLE readings');
    const rows = sampleRows({ seed: 11, rows: 3_000 });
    const csv = join(dir, 'a.csv');
    const jsonl = join(dir, 'b.jsonl');
    const parquet = join(dir, 'c.parquet');
    await csvWithBadRows(csv, rows.slice(0, 1_000), []);
    await writeRawJsonLines(jsonl, rows.slice(1_000, 2_000));
    writeRawParquet(parquet, rows.slice(2_000), 300);
    const out = join(dir, 'out-formats');
    const first = await fastLoad({ ...base(), files: [csv, jsonl, parquet], outDir: out });
    expect(first.rowsLoaded).toBe(3_000);
    expect(first.rowsRejected).toBe(0);
    expect(await count(pool)).toBe(3_000);
    expect(await count(pool, "source = 'bulk' AND power_w > 0")).toBe(3_000);
    const scored = rows.filter((r) => r.failureProbability !== null).length;
    expect(await count(pool, 'failure_probability IS NOT NULL')).toBe(scored);
    // Values survive each format exactly (Parquet row 2,500 is in its second row group).
    const probe = rows[2_500]!;
    const [stored] = await pool.query<RowDataPacket[]>(
      'SELECT torque_nm, recorded_at FROM readings WHERE asset_id = ? AND recorded_at = ?',
      [probe.reading.assetId, new Date(probe.reading.recordedAt)],
    );
    expect(stored[0]?.torque_nm).toBe(probe.reading.torqueNm);

    const again = await fastLoad({ ...base(), files: [csv, jsonl, parquet], outDir: out });
    expect(again.files.every((f) => f.wasAlreadyDone)).toBe(true);
    const fresh = await fastLoad({ ...base(), files: [csv, jsonl, parquet], outDir: out, fresh: true });
    expect(fresh.rowsLoaded).toBe(3_000);
    expect(await count(pool)).toBe(3_000);
    const [assets] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM assets');
    expect(Number(assets[0]!.n)).toBe(6);
  });

  it('writes every bad row to the reject file with its line number and reasons while loading the rest', async () => {
    await pool.query('TRUNCATE TABLE readings');
    const rows = sampleRows({ seed: 12, rows: 1_200 });
    const csv = join(dir, 'bad.csv');
    const badLines = await csvWithBadRows(csv, rows, [
      { after: 10, line: (l) => withField(l, 7, 'fast') },
      { after: 10, line: (l) => withField(l, 2, 'X') },
      { after: 600, line: (l) => withField(withField(l, 5, '350'), 6, '300') },
      { after: 700, line: (l) => withField(l, 1, '2031-01-01T00:00:00.000Z') },
      { after: 800, line: (l) => `${l},extra` },
      { after: 900, line: (l) => withField(l, 8, '900') },
      { after: 1_000, line: (l) => withField(l, l.split(',').length - 1, '1.5') },
    ]);
    const out = join(dir, 'out-bad');
    const summary = await fastLoad({ ...base(), files: [csv], outDir: out });
    expect(summary.rowsLoaded).toBe(1_200);
    expect(summary.rowsRejected).toBe(7);
    expect(await count(pool)).toBe(1_200);
    const rejects = await rejectLines(summary.files[0]!.rejectFile);
    expect(rejects.map((r) => r.line)).toEqual(badLines);
    expect(rejects.map((r) => r.reasons.map((x) => `${x.path}:${x.reason}`))).toEqual([
      ['/rotationalSpeedRpm:wrong_type'],
      ['/assetType:unknown_asset_type'],
      ['/processTemperatureK:inconsistent'],
      ['/recordedAt:future_timestamp'],
      [':invalid_format'],
      ['/torqueNm:out_of_range'],
      ['/failureProbability:out_of_range'],
    ]);
  });

  it('stores exactly the same rows, assets and rejects on the CSV pass-through path as on the general path', async () => {
    const rows = sampleRows({ seed: 14, rows: 2_000, assets: 7 });
    const csv = join(dir, 'paths.csv');
    await csvWithBadRows(csv, rows, [
      // Valid but not canonical: the pass-through path rewrites them, the general path parses them.
      { after: 5, line: (l) => withField(withField(l, 0, 'Z-late'), 7, '1.5e3') },
      { after: 6, line: (l) => withField(withField(l, 0, 'Z-late'), 1, '2026-01-01T01:00:00.000+01:00') },
      { after: 7, line: (l) => withField(withField(l, 0, 'Z-late'), 9, ' 12 ') },
      { after: 8, line: (l) => `${withField(l, 0, 'Z-crlf')}\r` },
      { after: 9, line: (l) => withField(withField(l, 0, 'Z-true'), 10, 'false') },
      // A duplicate key later in the file: the last one wins on both paths.
      { after: 1_500, line: (l) => withField(rawCsvLine(rows[3]!).trimEnd(), 8, '33.3') || l },
      // Bad rows.
      { after: 50, line: (l) => withField(l, 8, '-1') },
      { after: 60, line: (l) => withField(l, 12, '1') },
      { after: 70, line: (l) => withField(l, 1, '2026-02-30T00:00:00.000Z') },
      { after: 80, line: (l) => l.replace(/,/g, ';') },
    ]);
    const snapshot = async (): Promise<unknown> => {
      const [readings] = await pool.query<RowDataPacket[]>(
        `SELECT asset_id, recorded_at, asset_type, air_temperature_k, process_temperature_k, rotational_speed_rpm,
           torque_nm, tool_wear_min, power_w, temperature_difference_k, overstrain_min_nm, machine_failure, twf, hdf,
           pwf, osf, rnf, failure_probability, model_id, source, stream_partition, stream_offset
         FROM readings ORDER BY asset_id, recorded_at`,
      );
      const [assets] = await pool.query<RowDataPacket[]>(
        'SELECT asset_id, asset_type, site_id, line_id, first_seen_at, last_seen_at FROM assets ORDER BY asset_id',
      );
      return { readings, assets };
    };
    const results = [];
    for (const isCsvPassThrough of [true, false]) {
      await pool.query('TRUNCATE TABLE readings');
      await pool.query('TRUNCATE TABLE assets');
      const out = join(dir, `out-paths-${String(isCsvPassThrough)}`);
      const summary = await fastLoad({
        ...base(),
        chunkRows: 700,
        files: [csv],
        outDir: out,
        isCsvPassThrough,
      });
      results.push({
        summary: { loaded: summary.rowsLoaded, rejected: summary.rowsRejected },
        rejects: await readFile(summary.files[0]!.rejectFile, 'utf8'),
        tables: await snapshot(),
      });
    }
    const [passThrough, general] = results;
    expect(passThrough!.summary).toEqual({ loaded: 2_006, rejected: 4 });
    expect(passThrough!.rejects.split('\n').filter((l) => l !== '')).toHaveLength(4);
    expect(passThrough).toEqual(general);
    const [late] = await pool.query<RowDataPacket[]>(
      "SELECT rotational_speed_rpm, tool_wear_min FROM readings WHERE asset_id = 'Z-late' ORDER BY recorded_at",
    );
    expect(late.map((r) => Number(r.rotational_speed_rpm))).toContain(1500);
  });

  it('resumes a killed load from its checkpoint: exact counts, no duplicate rows or rejects', async () => {
    await pool.query('TRUNCATE TABLE readings');
    const rows = sampleRows({ seed: 13, rows: 40_000, assets: 8, intervalMs: 5_000 });
    const csv = join(dir, 'big.csv');
    const badLines = await csvWithBadRows(csv, rows, [
      { after: 100, line: (l) => withField(l, 2, 'Q') },
      { after: 39_000, line: (l) => withField(l, 2, 'Q') },
    ]);
    const out = join(dir, 'out-kill');
    const checkpointFile = join(out, 'checkpoint.json');
    const appDir = resolve(import.meta.dirname, '../..');
    const child = spawn(
      process.execPath,
      [
        '--conditions=@lakehouse/source',
        '--import',
        'tsx',
        'src/main.ts',
        'load',
        csv,
        '--out',
        out,
        '--chunk-rows',
        '2000',
      ],
      {
        cwd: appDir,
        stdio: 'ignore',
        env: {
          ...process.env,
          MYSQL_HOST: schema.host,
          MYSQL_PORT: String(schema.port),
          MYSQL_USER: schema.user,
          MYSQL_PASSWORD: schema.password,
          MYSQL_DATABASE: schema.database,
          LOG_LEVEL: 'silent',
        },
      },
    );
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    // Kill it (SIGKILL: no cleanup at all) once two chunks are committed and the file is not done.
    let killedAt: CheckpointState | undefined;
    for (let i = 0; i < 600 && killedAt === undefined; i += 1) {
      await sleep(100);
      if (!existsSync(checkpointFile)) continue;
      const state = JSON.parse(await readFile(checkpointFile, 'utf8')) as CheckpointState;
      const progress = Object.values(state.files)[0];
      if (progress !== undefined && progress.recordsDone >= 4_000) {
        child.kill('SIGKILL');
        killedAt = state;
      }
    }
    await exited;
    expect(killedAt).toBeDefined();
    const progressAtKill = Object.values(killedAt!.files)[0]!;
    expect(progressAtKill.isDone).toBe(false);
    expect(await count(pool)).toBeLessThan(40_000);

    const resumed = await fastLoad({ ...base(), files: [csv], outDir: out, chunkRows: 2_000 });
    expect(resumed.files[0]!.resumedFromRecord).toBeGreaterThanOrEqual(4_000);
    expect(resumed.rowsLoaded).toBe(40_000);
    expect(resumed.rowsRejected).toBe(2);
    expect(await count(pool)).toBe(40_000);
    const rejects = await rejectLines(resumed.files[0]!.rejectFile);
    expect(rejects.map((r) => r.line)).toEqual(badLines);

    const rerun = await fastLoad({ ...base(), files: [csv], outDir: out, fresh: true, chunkRows: 2_000 });
    expect(rerun.rowsLoaded).toBe(40_000);
    expect(await count(pool)).toBe(40_000);
    expect((await rejectLines(rerun.files[0]!.rejectFile)).length).toBe(2);
  });

  it('refuses a CSV file without the required header columns before loading anything', async () => {
    const csv = join(dir, 'noheader.csv');
    await writeFile(csv, 'a,b,c\n1,2,3\n');
    await expect(fastLoad({ ...base(), files: [csv], outDir: join(dir, 'out-h') })).rejects.toMatchObject({
      code: 'BULK_FILE_INVALID',
    });
  });
});
