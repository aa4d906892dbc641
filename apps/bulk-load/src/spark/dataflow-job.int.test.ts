import { createLogger } from '@lakehouse/runtime';
import { atOrAboveRiskBandSql } from '@lakehouse/domain';
import { RISK_BAND_COUNT_COLUMNS } from '@lakehouse/sql';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import { readStackSettings, stackDir } from '@lakehouse/testing';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCsvHeader, rawCsvLine, writeRawParquet } from '../raw/write-raw-readings.js';
import { sampleRows } from '../testing/sample-rows.js';
import { ensureJdbcProviderJar } from '../jars/jdbc-provider-jar.js';
import { generateDataflowSql } from './generate-dataflow-sql.js';
import { LOCAL_JDBC_CREDENTIAL_OCID, localJdbcParameters } from './local-jdbc-parameters.js';
import { runLocalSpark, type LocalVault } from './run-local-spark.js';

const logger = createLogger({ name: 'spark-int', level: 'silent' });
const MEASURES = [
  'air_temperature_k',
  'process_temperature_k',
  'rotational_speed_rpm',
  'torque_nm',
  'tool_wear_min',
];

const withField = (line: string, index: number, value: string): string => {
  const fields = line.split(',');
  fields[index] = value;
  return fields.join(',');
};

async function filesIn(dir: string, suffix: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith(suffix)).map((f) => join(dir, f));
}

describe('the Data Flow Spark SQL job on local Spark against MariaDB', () => {
  let db: TestDatabase;
  let schema: TestDatabase['connection'];
  let pool: Pool;
  let dir: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    ({ pool, connection: schema } = db);
    dir = await mkdtemp(join(tmpdir(), 'bulk-load-spark-'));
  });
  afterAll(async () => {
    await db?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('loads valid rows exactly once, rejects bad rows with reasons and writes hourly aggregates equal to SQL', async () => {
    const rows = sampleRows({ seed: 21, rows: 3_000, assets: 5, intervalMs: 20_000 });
    const raw = join(dir, 'raw');
    await mkdir(join(raw, 'csv'), { recursive: true });
    await mkdir(join(raw, 'parquet'), { recursive: true });
    // CSV: 1,500 good rows and five bad ones.
    const bad = [
      (l: string) => withField(l, 7, 'fast'),
      (l: string) => withField(l, 2, 'X'),
      (l: string) => withField(withField(l, 5, '350'), 6, '300'),
      (l: string) => withField(l, 1, '2026-01-01 00:00:00'),
      (l: string) => withField(l, 8, '900'),
    ];
    let csv = rawCsvHeader();
    rows.slice(0, 1_500).forEach((row, i) => {
      csv += rawCsvLine(row);
      if (i % 300 === 7) csv += `${bad[(i - 7) / 300]!(rawCsvLine(row).trimEnd())}\n`;
    });
    await writeFile(join(raw, 'csv', 'part-1.csv'), csv);
    // Parquet: the other 1,500 good rows, plus one out of range and one duplicate of a CSV row's key.
    const outOfRange = {
      ...rows[1_600]!,
      reading: { ...rows[1_600]!.reading, recordedAt: rows[1_600]!.reading.recordedAt + 1, torqueNm: 700 },
    };
    const duplicate = { ...rows[3]!, failureProbability: 0.5 };
    writeRawParquet(
      join(raw, 'parquet', 'part-1.parquet'),
      [...rows.slice(1_500), outOfRange, duplicate],
      700,
    );

    const rejects = join(dir, 'rejects');
    const silver = join(dir, 'silver');
    const settings = readStackSettings(stackDir(process.env));
    const javaBin = process.env['JAVA_BIN'] ?? 'java';
    const jarsDir = join(stackDir(process.env), 'spark', 'lib');
    // The password reaches JDBC the Data Flow way: the views name the connection provider, which reads it from
    // the run's Vault stand-in file; no parameter holds it.
    const jdbc = localJdbcParameters({ ...schema, tlsMode: 'disabled' });
    const parameters = { raw_path: raw, rejects_path: rejects, silver_path: silver, ...jdbc.parameters };
    expect(JSON.stringify(parameters)).not.toContain(schema.password);
    const providerJar = await ensureJdbcProviderJar({ javaBin, sparkJarsDir: jarsDir });
    const run = (vault: LocalVault = jdbc.vault) =>
      runLocalSpark({
        javaBin,
        jarsDir,
        providerJar,
        vault,
        workDir: join(stackDir(process.env), 'spark', 'work'),
        master: 'local[2]',
        driverMemoryMb: 1_024,
        shufflePartitions: 2,
        sql: generateDataflowSql(),
        parameters,
        logger,
      });
    expect(settings.mariadb.port).toBe(schema.port);

    const first = await run();
    expect(first.summary).toEqual({
      records: 3_007,
      validRows: 3_000,
      rejectedRows: 7,
      hourlyRows: expect.any(Number),
    });
    const [counted] = await pool.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n, SUM(source = 'bulk') AS bulk, SUM(failure_probability IS NOT NULL) AS scored FROM readings",
    );
    expect(Number(counted[0]!.n)).toBe(3_000);
    expect(Number(counted[0]!.bulk)).toBe(3_000);
    expect(Number(counted[0]!.scored)).toBe(rows.filter((r) => r.failureProbability !== null).length);

    const rejectRecords = (
      await Promise.all(
        (await filesIn(rejects, '.json')).map(async (f) => (await readFile(f, 'utf8')).split('\n')),
      )
    )
      .flat()
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { reasons: string[]; source_format: string; record: string });
    const reasons = rejectRecords.map((r) => r.reasons.map((x) => x.split(':')[0]).join('|')).sort();
    expect(reasons).toEqual(
      [
        '/rotationalSpeedRpm wrong_type',
        '/assetType unknown_asset_type',
        '/processTemperatureK inconsistent',
        '/recordedAt wrong_type',
        '/torqueNm out_of_range',
        '/torqueNm out_of_range',
        '/ duplicate_key',
      ].sort(),
    );
    // Each reject carries its raw values as read, so it can be fixed and loaded again.
    const rawOf = (reason: string): Record<string, unknown> =>
      JSON.parse(
        rejectRecords.find((r) => r.reasons.some((x) => x.startsWith(reason)))?.record ?? '{}',
      ) as Record<string, unknown>;
    expect(rawOf('/rotationalSpeedRpm wrong_type')).toMatchObject({ rotational_speed_rpm: 'fast' });
    expect(rawOf('/assetType unknown_asset_type')).toMatchObject({ asset_type: 'X' });
    expect(rawOf('/ duplicate_key')).toMatchObject({ asset_id: rows[3]!.reading.assetId });

    // Silver aggregates equal the same aggregates computed by SQL over the loaded rows.
    const [expected] = await pool.query<RowDataPacket[]>(`
      SELECT asset_id, DATE_FORMAT(recorded_at, '%Y-%m-%d %H:00:00') AS hour_start, COUNT(*) AS reading_count,
        ${MEASURES.map((m) => `AVG(${m}) AS mean_${m}, MIN(${m}) AS min_${m}, MAX(${m}) AS max_${m}`).join(', ')},
        AVG(failure_probability) AS mean_failure_probability, MAX(failure_probability) AS max_failure_probability,
        ${RISK_BAND_COUNT_COLUMNS.map((b) => `SUM(${atOrAboveRiskBandSql('failure_probability', b.band)}) AS ${b.column}`).join(', ')},
        SUM(machine_failure) AS failure_count
      FROM readings GROUP BY asset_id, hour_start ORDER BY asset_id, hour_start`);
    const parquetRows: Record<string, unknown>[] = [];
    for (const f of await filesIn(join(silver, 'hourly_aggregates', 'parquet'), '.parquet')) {
      parquetRows.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(f) })));
    }
    const key = (r: Record<string, unknown>): string =>
      `${String(r.asset_id)} ${r.hour_start instanceof Date ? r.hour_start.toISOString().slice(0, 19).replace('T', ' ') : String(r.hour_start)}`;
    const silverByKey = new Map(parquetRows.map((r) => [key(r), r]));
    expect(first.summary?.hourlyRows).toBe(expected.length);
    expect(silverByKey.size).toBe(expected.length);
    for (const e of expected) {
      const s = silverByKey.get(key(e));
      expect(s, key(e)).toBeDefined();
      expect(Number(s!.reading_count)).toBe(Number(e.reading_count));
      for (const m of MEASURES) {
        expect(s![`mean_${m}`]).toBeCloseTo(Number(e[`mean_${m}`]), 9);
        expect(s![`min_${m}`]).toBe(Number(e[`min_${m}`]));
        expect(s![`max_${m}`]).toBe(Number(e[`max_${m}`]));
      }
      expect(Number(s!.count_probability_above_0_6)).toBe(Number(e.count_probability_above_0_6 ?? 0));
      expect(Number(s!.count_probability_above_0_9)).toBe(Number(e.count_probability_above_0_9 ?? 0));
      expect(Number(s!.failure_count)).toBe(Number(e.failure_count ?? 0));
      if (e.max_failure_probability !== null)
        expect(s!.max_failure_probability).toBe(Number(e.max_failure_probability));
    }
    const csvLines = (
      await Promise.all(
        (await filesIn(join(silver, 'hourly_aggregates', 'csv'), '.csv')).map(async (f) =>
          (await readFile(f, 'utf8')).split('\n').slice(1),
        ),
      )
    )
      .flat()
      .filter((l) => l !== '');
    expect(csvLines.length).toBe(expected.length);

    // A re-run stores nothing twice. It reads the password from a Vault stand-in file of its own, as the rehearsal
    // of a deploy does (bulk-load spark run --parameters with OCI_VAULT_STAND_IN_FILE).
    const standInFile = join(dir, 'vault-stand-in.json');
    await writeFile(standInFile, JSON.stringify({ [LOCAL_JDBC_CREDENTIAL_OCID]: schema.password }), {
      mode: 0o600,
    });
    const second = await run({ standInFile });
    expect(second.summary?.validRows).toBe(3_000);
    const [again] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM readings');
    expect(Number(again[0]!.n)).toBe(3_000);
  });
});
