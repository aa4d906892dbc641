import { AppError, createLogger } from '@lakehouse/runtime';
import { createSqlPool, migrate } from '@lakehouse/sql';
import {
  createThrowawaySchema,
  fuzzRun,
  readStackSettings,
  stackDir,
  type ThrowawaySchema,
} from '@lakehouse/testing';
import fc from 'fast-check';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { gzipSync } from 'node:zlib';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCsvHeader, rawCsvLine } from '../raw/write-raw-readings.js';
import { damagedCsv, fileDamage, lineDamage } from '../testing/damaged-csv.js';
import { sampleRows } from '../testing/sample-rows.js';
import { fastLoad, type FastLoadSummary } from './fast-loader.js';

/*
 * Issue #20, fuzzing from the contracts: a generated corpus of damaged CSV files (BOM, CRLF, quoted fields and
 * quoted commas, wrong column counts, bad values, a truncated last line) through the fast loader, on both its paths.
 * Every good line must be loaded and every bad line reported with its line number and a reason. Empty, header-only
 * and gzip files are checked one by one. See docs/adr/0048-fuzzing-from-the-contracts.md.
 */
const RUN = fuzzRun(process.env, 20_0348, 60);
const NOW_MS = Date.UTC(2026, 5, 1);
const logger = createLogger({ name: 'damaged-files', level: 'silent' });

interface Reject {
  readonly line: number;
  readonly reasons: readonly { readonly reason: string }[];
}

describe(`the fast loader on damaged files (seed ${RUN.seed}, ${RUN.numRuns} files)`, () => {
  let schema: ThrowawaySchema;
  let pool: Pool;
  let dir: string;
  let fileNo = 0;

  beforeAll(async () => {
    schema = await createThrowawaySchema(readStackSettings(stackDir(process.env)));
    pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 2, connectTimeoutMs: 5_000 });
    await migrate(pool);
    dir = await mkdtemp(join(tmpdir(), 'bulk-load-damaged-'));
  });
  afterAll(async () => {
    await pool?.end();
    await schema?.drop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  async function load(name: string, bytes: Buffer, isCsvPassThrough = true): Promise<FastLoadSummary> {
    await pool.query('TRUNCATE TABLE readings');
    const file = join(dir, name);
    await writeFile(file, bytes);
    return fastLoad({
      pool,
      concurrency: 1,
      chunkRows: 50,
      nowMs: NOW_MS,
      logger,
      files: [file],
      outDir: join(dir, `out-${name}`),
      isCsvPassThrough,
    });
  }

  async function rejects(summary: FastLoadSummary): Promise<Reject[]> {
    const text = await readFile(summary.files[0]?.rejectFile ?? '', 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Reject);
  }

  for (const isCsvPassThrough of [true, false]) {
    it(`loads every good line and reports every bad one with its line and reason (${isCsvPassThrough ? 'pass-through' : 'general'} path)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 120 }),
          fc.array(lineDamage, { minLength: 1, maxLength: 40 }),
          fileDamage,
          async (rowCount, damages, file) => {
            fileNo += 1;
            const rows = sampleRows({ seed: fileNo, rows: rowCount, assets: 3 });
            const corpus = damagedCsv(rows, damages, file);
            const summary = await load(`f${fileNo}.csv`, corpus.bytes, isCsvPassThrough);
            const rejected = await rejects(summary);
            const rejectedLines = rejected.map((r) => r.line);
            const what = `${JSON.stringify({ rowCount, damages, file })} (${RUN.replay})`;
            expect(
              rejectedLines.filter((l) => l !== corpus.either),
              `${what}: the rejected lines`,
            ).toEqual(corpus.bad);
            for (const r of rejected)
              expect(r.reasons.length, `${what}: line ${r.line} has a reason`).toBeGreaterThan(0);
            const [stored] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM readings');
            const cutLoaded = corpus.either !== null && !rejectedLines.includes(corpus.either) ? 1 : 0;
            expect(Number(stored[0]?.['n']), `${what}: the stored rows`).toBe(corpus.good.length + cutLoaded);
            expect(summary.rowsLoaded + summary.rowsRejected, `${what}: every line settled`).toBe(
              rows.length,
            );
          },
        ),
        {
          seed: RUN.seed + (isCsvPassThrough ? 0 : 1),
          // The general path parses in a worker thread that starts per file (about 2 s here): fewer files there.
          numRuns: isCsvPassThrough ? RUN.numRuns : Math.ceil(RUN.numRuns / 10),
          endOnFailure: true,
        },
      );
    });
  }

  it('settles an empty file and a header-only file with nothing loaded and nothing rejected', async () => {
    for (const [name, bytes] of [
      ['empty.csv', Buffer.alloc(0)],
      ['header-only.csv', Buffer.from(rawCsvHeader())],
      ['header-only-bom-crlf.csv', Buffer.from(`\ufeff${rawCsvHeader().trimEnd()}\r\n`)],
    ] as const) {
      const outcome = await load(name, bytes).then(
        (summary) => ({ loaded: summary.rowsLoaded, rejected: summary.rowsRejected }),
        (err: unknown) => ({ error: err instanceof AppError ? err.code : String(err) }),
      );
      expect([{ loaded: 0, rejected: 0 }, { error: 'BULK_FILE_INVALID' }], name).toContainEqual(outcome);
    }
  });

  it('refuses a gzip file, whole or corrupt, naming it, instead of loading its bytes as text', async () => {
    const rows = sampleRows({ seed: 99, rows: 10, assets: 2 });
    const gzip = gzipSync(Buffer.from(rawCsvHeader() + rows.map(rawCsvLine).join('')));
    for (const [name, bytes] of [
      ['whole.csv.gz', gzip],
      ['corrupt.csv.gz', gzip.subarray(0, gzip.length >> 1)],
      ['gzip-bytes.csv', gzip],
    ] as const) {
      const error = await load(name, bytes).then(
        () => null,
        (err: unknown) => err,
      );
      expect(error, name).toBeInstanceOf(AppError);
      expect((error as AppError).code, name).toBe('BULK_FILE_INVALID');
      expect((error as AppError).message, name).toContain(name);
      const [stored] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM readings');
      expect(Number(stored[0]?.['n']), name).toBe(0);
    }
  });
});
