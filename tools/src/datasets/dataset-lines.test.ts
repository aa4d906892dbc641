import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AI4I_CSV_HEADER, parseAi4iRow, validateReading } from '@lakehouse/domain';
import { datasetLines } from './dataset-lines.js';
import { SAMPLE_DEFAULTS, SAMPLE_PATH } from './parse-dataset-args.js';

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const sample = (rows: number, format: 'csv' | 'jsonl' = 'csv'): string[] => [
  ...datasetLines({ ...SAMPLE_DEFAULTS, rows, format }),
];

describe('datasetLines', () => {
  it('regenerates the committed 10k sample byte for byte', async () => {
    const committed = await readFile(resolve(import.meta.dirname, '../../..', SAMPLE_PATH));
    const regenerated = sample(SAMPLE_DEFAULTS.rows).join('');
    // Compare hashes, not text: a mismatch then prints two short strings instead of half a megabyte.
    expect(sha256(regenerated)).toBe(sha256(committed));
    expect(committed.length).toBeLessThan(1_000_000);
  });

  it('writes the AI4I header, then rows with UDI 1..N and per-variant Product IDs', () => {
    const lines = sample(5);
    expect(lines[0]).toBe(`${AI4I_CSV_HEADER}\n`);
    const records = lines.slice(1).map((line, i) => {
      const parsed = parseAi4iRow(line.trimEnd(), i + 2);
      if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
      return parsed.record;
    });
    expect(records.map((r) => r.udi)).toEqual([1, 2, 3, 4, 5]);
    expect(records.every((r) => new RegExp(`^${r.assetType}\\d{5}$`).test(r.productId))).toBe(true);
    expect(new Set(records.map((r) => r.productId)).size).toBe(5);
  });

  it('writes one valid domain Reading per JSON line with fleet timestamps', () => {
    const lines = sample(40, 'jsonl');
    expect(lines).toHaveLength(40);
    const readings = lines.map((line) => JSON.parse(line) as unknown);
    const nowMs = SAMPLE_DEFAULTS.startMs + SAMPLE_DEFAULTS.intervalMs * 10;
    expect(readings.every((r) => validateReading(r, { nowMs }).ok)).toBe(true);
    expect(readings[0]).toMatchObject({ recordedAt: SAMPLE_DEFAULTS.startMs, assetId: 'S01-L01-M0001' });
  });
});
