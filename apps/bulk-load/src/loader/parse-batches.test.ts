import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRows } from '../testing/sample-rows.js';
import { writeRawCsv, type RawReadingRow } from '../raw/write-raw-readings.js';
import { parseBatches, type ParsedBatch } from './parse-batches.js';

/** 32-bit FNV-1a of an ASCII text: the hash the pass-through path files an asset under. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Two valid asset ids with the same hash, found by search (the birthday bound makes this quick). */
function collidingIds(): [string, string] {
  const seen = new Map<number, string>();
  for (let n = 0; ; n += 1) {
    const id = `X${n.toString(36)}`;
    const other = seen.get(fnv1a(id));
    if (other !== undefined) return [other, id];
    seen.set(fnv1a(id), id);
  }
}

async function collect(path: string, isCsvPassThrough: boolean, chunkRows: number): Promise<ParsedBatch[]> {
  const batches: ParsedBatch[] = [];
  for await (const batch of parseBatches({
    path,
    format: 'csv',
    skipRecords: 0,
    chunkRows,
    nowMs: Date.UTC(2026, 5, 1),
    requiredColumns: ['asset_id'],
    isCsvPassThrough,
    batchRecords: 500,
  }))
    batches.push(batch);
  return batches;
}

const chunkAssets = (batches: readonly ParsedBatch[]): unknown[] =>
  batches
    .filter((b) => b.endsChunk)
    .map((b) => [...(b.assets ?? [])].sort((x, y) => x.assetId.localeCompare(y.assetId)));

describe('parseBatches', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parse-batches-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('tells apart assets whose ids hash alike and reports the same assets per chunk as the general path', async () => {
    const [first, second] = collidingIds();
    expect(fnv1a(first)).toBe(fnv1a(second));
    // Half the rows renamed to the two colliding ids, interleaved with the sample's own assets.
    const rows: RawReadingRow[] = sampleRows({ seed: 21, rows: 3_000, assets: 9 }).map((row, i) =>
      i % 4 === 0
        ? { ...row, reading: { ...row.reading, assetId: first } }
        : i % 4 === 1
          ? { ...row, reading: { ...row.reading, assetId: second, siteId: undefined, lineId: undefined } }
          : row,
    );
    const path = join(dir, 'collide.csv');
    await writeRawCsv(path, rows);

    const fast = await collect(path, true, 1_000);
    const general = await collect(path, false, 1_000);
    expect(fast.every((b) => b.layout === 'raw-csv')).toBe(true);
    expect(fast.reduce((n, b) => n + b.rows, 0)).toBe(3_000);
    expect(chunkAssets(fast)).toEqual(chunkAssets(general));
    const firstChunk = fast.find((b) => b.endsChunk)?.assets ?? [];
    const one = firstChunk.find((a) => a.assetId === first);
    const two = firstChunk.find((a) => a.assetId === second);
    expect(one?.siteId).not.toBeNull();
    expect(two?.siteId).toBeNull();
    expect(one?.firstMs).toBe(rows[0]?.reading.recordedAt);
    expect(two?.firstMs).toBe(rows[1]?.reading.recordedAt);
  });
});
