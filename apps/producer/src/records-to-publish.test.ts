import { AI4I_CSV_HEADER } from '@lakehouse/domain';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProducerOptions, type ProducerOptions } from './cli-options.js';
import {
  replayedRecords,
  simulatedReadings,
  type SkippedLine,
  type RecordToPublish,
} from './records-to-publish.js';

const NOW_MS = Date.UTC(2025, 5, 1, 12);
const options = (argv: string[]): ProducerOptions => {
  const parsed = parseProducerOptions(argv);
  if (parsed === null) throw new Error('help');
  return parsed;
};
const file = (name: string, text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'producer-')), name);
  writeFileSync(path, text);
  return path;
};
async function collect(source: AsyncIterable<RecordToPublish>): Promise<RecordToPublish[]> {
  const out: RecordToPublish[] = [];
  for await (const r of source) out.push(r);
  return out;
}

describe('simulatedReadings', () => {
  it('stamps each reading with the instant it falls due, so the fleet reports at the requested rate', () => {
    // AI4I steps: every machine reports every round (a fleet in time skips machines under repair).
    const source = simulatedReadings(options(['--assets', '10', '--rate', '100', '--fleet', 'ai4i']), NOW_MS);
    const first = Array.from({ length: 100 }, () => source.next().value as RecordToPublish);
    const due = first.map((r) => r.dueMs);
    expect(due[0]).toBe(NOW_MS);
    expect(Math.max(...due) - Math.min(...due)).toBeLessThan(1_000);
    expect(new Set(first.map((r) => (r.kind === 'reading' ? r.reading.assetId : ''))).size).toBe(10);
  });

  it('at full speed stamps the history to end now and publishes without waiting', () => {
    const source = simulatedReadings(options(['--assets', '4', '--rate', '0', '--count', '40']), NOW_MS);
    const records = Array.from({ length: 40 }, () => source.next().value as RecordToPublish);
    expect(records.every((r) => r.dueMs === 0)).toBe(true);
    const stamps = records.map((r) => (r.kind === 'reading' ? r.reading.recordedAt : 0));
    expect(Math.max(...stamps)).toBeLessThanOrEqual(NOW_MS);
  });
});

describe('replayedRecords', () => {
  it('turns AI4I CSV rows into readings of asset <Product ID> and reports a bad row with its line', async () => {
    const path = file(
      'plant.csv',
      `${AI4I_CSV_HEADER}\n1,M14860,M,298.1,308.6,1551,42.8,0,0,0,0,0,0,0\n2,L47181,L,298.2,hot,1408,46.3,3,0,0,0,0,0,0\n`,
    );
    const skipped: SkippedLine[] = [];
    const records = await collect(
      replayedRecords({ ...options(['--replay', path, '--rate', '0']), file: path }, NOW_MS, (s) =>
        skipped.push(s),
      ),
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: 'reading',
      reading: { assetId: 'M14860', assetType: 'M', torqueNm: 42.8 },
    });
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.line).toBe(3);
    expect(skipped[0]?.message).toMatch(/line 3, column 5/);
  });

  it('sends JSON lines byte for byte, keyed by their asset id when it can be read', async () => {
    const lines = ['{"assetId":"S01-L01-M0001","torqueNm":40}', 'not json at all', ''];
    const path = file('feed.jsonl', lines.join('\n'));
    const records = await collect(
      replayedRecords({ ...options(['--replay', path, '--rate', '0']), file: path }, NOW_MS, () => undefined),
    );
    expect(records.map((r) => (r.kind === 'raw' ? [r.key, r.value.toString('utf8')] : []))).toEqual([
      ['S01-L01-M0001', lines[0]],
      ['unknown', lines[1]],
    ]);
  });

  it('refuses a file without records', async () => {
    const path = file('empty.jsonl', '\n\n');
    await expect(
      collect(replayedRecords({ ...options(['--replay', path]), file: path }, NOW_MS, () => undefined)),
    ).rejects.toThrow(/holds no records/);
  });
});
