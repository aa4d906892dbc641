import { generateHistory, readingToAi4iRow, AI4I_CSV_HEADER } from '@lakehouse/domain';
import { activeModelId, listModels } from '@lakehouse/scoring';
import { upsertReadings } from '@lakehouse/sql';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliOutput } from './cli.js';

function capture(): CliOutput & { readonly lines: string[]; readonly progressLines: string[] } {
  const lines: string[] = [];
  const progressLines: string[] = [];
  return {
    lines,
    progressLines,
    out: (l) => lines.push(...l.split('\n')),
    progress: (l) => progressLines.push(l),
  };
}

describe('ml-train against MariaDB', () => {
  let db: TestDatabase;
  let pool: Pool;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await openTestDatabase();
    pool = db.pool;
    const schema = db.connection;
    const history = [
      ...generateHistory({ seed: 77, rows: 8_000, startMs: Date.UTC(2024, 0, 1), intervalMs: 60_000 }),
    ];
    await upsertReadings(
      pool,
      history.map((reading) => ({ reading, source: 'bulk' as const })),
    );
    env = {
      MYSQL_HOST: schema.host,
      MYSQL_PORT: String(schema.port),
      MYSQL_USER: schema.user,
      MYSQL_PASSWORD: schema.password,
      MYSQL_DATABASE: schema.database,
      MYSQL_TLS_MODE: 'disabled',
      LOG_LEVEL: 'silent',
      ML_CV_FOLDS: '0',
    };
  });
  afterAll(async () => {
    await db?.close();
  });

  it('trains from the readings table, registers and activates the model', async () => {
    const output = capture();
    expect(await runCli(['train'], env, output)).toBe(0);
    const last = JSON.parse(output.lines.at(-1)!) as { f1: number; modelId: number };
    expect(last.f1).toBeGreaterThan(0.8);
    expect(await activeModelId(pool)).toBe(last.modelId);
    const [model] = await listModels(pool);
    expect(model).toMatchObject({
      algorithm: 'gbdt-logistic',
      version: 1,
      isActive: true,
      hasArtifact: true,
      heatwaveModelHandle: null,
    });
    expect(model!.trainingFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(output.progressLines.some((l) => /failure: tree 50\/50/.test(l))).toBe(true);
    expect(output.progressLines.some((l) => /HeatWave AutoML skipped: server is mariadb/.test(l))).toBe(true);
  });

  it('scores the readings table with the active model into predictions', async () => {
    const output = capture();
    expect(await runCli(['score'], env, output)).toBe(0);
    expect(JSON.parse(output.lines.at(-1)!)).toMatchObject({ scored: 8_000 });
    const [rows] = await pool.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n, SUM(p.predicted_failure = r.machine_failure) AS agree FROM predictions p JOIN readings r USING (asset_id, recorded_at)',
    );
    expect(Number(rows[0]!['n'])).toBe(8_000);
    expect(Number(rows[0]!['agree']) / 8_000).toBeGreaterThan(0.98);
  });

  it('refuses in-database scoring on MariaDB with a clear error', async () => {
    await expect(runCli(['score', '--in-database'], env, capture())).rejects.toMatchObject({
      code: 'MODEL_UNSUPPORTED',
      message: expect.stringMatching(/needs HeatWave AutoML; the server is mariadb/) as string,
    });
  });

  it('evaluates a labelled file with the active model, the last line being the metrics JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-train-int-'));
    const file = join(dir, 'held-out.csv');
    const rows = [...generateHistory({ seed: 78, rows: 3_000, startMs: 0, intervalMs: 60_000 })].map((r, i) =>
      readingToAi4iRow(r, { udi: i + 1, productId: `${r.assetType}${String(10_000 + i)}` }),
    );
    writeFileSync(file, `${AI4I_CSV_HEADER}\n${rows.join('\n')}\n`);
    const output = capture();
    expect(await runCli(['evaluate', '--csv', file], env, output)).toBe(0);
    const last = JSON.parse(output.lines.at(-1)!) as Record<string, number>;
    expect(Object.keys(last)).toEqual(
      expect.arrayContaining(['precision', 'recall', 'f1', 'rocAuc', 'prAuc']),
    );
    expect(last['f1']).toBeGreaterThan(0.8);
    expect(output.lines.some((l) => l.includes('confusion matrix'))).toBe(true);
    expect(output.lines.some((l) => /^\s+OSF: /.test(l))).toBe(true);
  });

  it('trains a second version from a file and makes it the active one', async () => {
    const output = capture();
    expect(await runCli(['train', '--csv', 'datasets/sample/ai4i-synthetic-10k.csv'], env, output)).toBe(0);
    const models = await listModels(pool);
    expect(models.map((m) => [m.version, m.isActive])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('fails with the line and column of a malformed file and registers nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-train-int-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${AI4I_CSV_HEADER}\n1,L1,L,300,310,1500,forty,10,0,0,0,0,0,0\n`);
    await expect(runCli(['train', '--csv', file], env, capture())).rejects.toThrow(
      /line 2, column 7 \(Torque \[Nm\]\)/,
    );
    expect(await listModels(pool)).toHaveLength(2);
  });
});
