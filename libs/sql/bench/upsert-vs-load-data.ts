/**
 * Benchmark: batch upsert of readings vs LOAD DATA LOCAL INFILE of the same rows, on the local MariaDB, in the same
 * run. Run with `npx nx run sql:bench` (starts the local stack first). Options: --rows N (default 200000),
 * --batch N rows per upsert call (default 2000), --rounds N (default 3; medians are reported).
 * Progress goes to stderr; the last stdout line is one JSON object with the figures.
 */
import { generateHistory } from '@lakehouse/domain';
import { createThrowawaySchema, readStackSettings, stackDir } from '@lakehouse/testing';
import { createWriteStream, createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineCommand, parseOrExit } from '@lakehouse/cli';
import { Type } from '@sinclair/typebox';
import {
  createSqlPool,
  formatReadingLoadDataLine,
  loadReadingLines,
  migrate,
  upsertReadings,
  type ReadingToStore,
} from '../src/index.js';

const {
  rows,
  batch: batchSize,
  rounds,
} = parseOrExit(
  defineCommand({
    name: 'sql:bench',
    invocation: 'npx nx run sql:bench --',
    summary: 'Compares batched upserts with LOAD DATA.',
    flags: {
      rows: Type.Integer({ minimum: 1, default: 200_000, description: 'readings per round' }),
      batch: Type.Integer({ minimum: 1, default: 2000, description: 'readings per upsert statement' }),
      rounds: Type.Integer({ minimum: 1, default: 3, description: 'rounds per method' }),
    },
    build: ({ flags }) => flags,
  }),
  process.argv.slice(2),
);

const log = (msg: string): void => {
  process.stderr.write(`[sql:bench] ${msg}\n`);
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

async function main(): Promise<void> {
  const settings = readStackSettings(stackDir(process.env));
  log(`generating ${rows} readings (seed 42)`);
  const items: ReadingToStore[] = [];
  for (const reading of generateHistory({
    seed: 42,
    rows,
    assets: 100,
    sites: 3,
    linesPerSite: 4,
    startMs: Date.UTC(2026, 0, 1),
    intervalMs: 60_000,
  })) {
    items.push({ reading, source: 'bulk' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'sql-bench-'));
  const file = join(dir, 'readings.tsv');
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('error', reject);
    out.on('finish', resolve);
    for (const item of items) out.write(formatReadingLoadDataLine(item));
    out.end();
  });
  log(`wrote ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB)`);

  const schema = await createThrowawaySchema(settings, 'bench');
  const pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 2, connectTimeoutMs: 10_000 });
  const upsertRates: number[] = [];
  const reupsertRates: number[] = [];
  const loadRates: number[] = [];
  try {
    await migrate(pool);
    const [[version]] = (await pool.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
    for (let round = 1; round <= rounds; round += 1) {
      await pool.query('TRUNCATE TABLE readings');
      let started = performance.now();
      let lastReport = started;
      for (let i = 0; i < items.length; i += batchSize) {
        await upsertReadings(pool, items.slice(i, i + batchSize));
        const now = performance.now();
        if (now - lastReport > 1_000) {
          const done = Math.min(i + batchSize, items.length);
          log(
            `round ${round}/${rounds} upsert ${done}/${items.length} rows, ${Math.round(done / ((now - started) / 1000))} rows/s`,
          );
          lastReport = now;
        }
      }
      const upsertRate = items.length / ((performance.now() - started) / 1000);
      upsertRates.push(upsertRate);
      // The same rows again: what a redelivered stream costs (every row hits the duplicate-key path).
      started = performance.now();
      for (let i = 0; i < items.length; i += batchSize)
        await upsertReadings(pool, items.slice(i, i + batchSize));
      const reupsertRate = items.length / ((performance.now() - started) / 1000);
      reupsertRates.push(reupsertRate);

      await pool.query('TRUNCATE TABLE readings');
      started = performance.now();
      const result = await loadReadingLines(pool, { stream: createReadStream(file), onDuplicate: 'replace' });
      const loadRate = items.length / ((performance.now() - started) / 1000);
      loadRates.push(loadRate);
      if (result.affectedRows !== items.length || result.warningCount !== 0) {
        throw new Error(
          `LOAD DATA stored ${result.affectedRows} rows with ${result.warningCount} warnings, expected ${items.length} and 0`,
        );
      }
      log(
        `round ${round}/${rounds}: upsert ${Math.round(upsertRate)} rows/s, re-upsert ${Math.round(reupsertRate)} rows/s, LOAD DATA ${Math.round(loadRate)} rows/s`,
      );
    }
    const figures = {
      server: version.v,
      rows,
      batchRows: batchSize,
      rounds,
      upsertRowsPerSec: Math.round(median(upsertRates)),
      reupsertRowsPerSec: Math.round(median(reupsertRates)),
      loadDataRowsPerSec: Math.round(median(loadRates)),
      loadDataSpeedup: Number((median(loadRates) / median(upsertRates)).toFixed(2)),
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await pool.end();
    await schema.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `[sql:bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
