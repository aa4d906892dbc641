import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCanonicalCsvLine, emptyLineFacts } from './canonical-csv-line.js';
import { rawCsvHeader } from './write-raw-readings.js';
import { historyStartMs, writeHistoryParts } from './write-history-parts.js';

const NOW = Date.UTC(2026, 10, 22, 10, 30, 17);
const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'history-parts-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const spec = { rows: 1_003, assets: 10, sites: 2, linesPerSite: 3, seed: 7, intervalMs: 60_000 };

describe('writeHistoryParts', () => {
  it('starts the history so that its rounds end at the last whole interval before now', () => {
    // 1,003 readings of 10 assets: 101 rounds (the last one partial) ending at 10:30.
    expect(historyStartMs(spec, NOW)).toBe(Date.UTC(2026, 10, 22, 10, 30) - 101 * 60_000);
    expect(historyStartMs({ ...spec, endMs: Date.UTC(2026, 0, 1) }, NOW)).toBe(
      Date.UTC(2026, 0, 1) - 101 * 60_000,
    );
  });

  it('splits every row into canonical raw CSV parts and replaces only the parts of an earlier history', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'history-0001-of-0009.csv'), 'stale part\n');
    await writeFile(join(dir, 'notes.txt'), 'kept\n');
    const progress: number[] = [];
    const result = await writeHistoryParts({
      outDir: dir,
      history: spec,
      parts: 3,
      nowMs: NOW,
      onProgress: (n) => progress.push(n),
    });
    expect((await readdir(dir)).sort()).toEqual([
      'history-0001-of-0003.csv',
      'history-0002-of-0003.csv',
      'history-0003-of-0003.csv',
      'notes.txt',
    ]);
    expect(result.rows).toBe(1_003);
    expect(progress.at(-1)).toBe(1_003);
    const keys = new Set<string>();
    const perPart: number[] = [];
    let newest = 0;
    for (const file of result.files) {
      const [header, ...lines] = (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
      expect(`${header ?? ''}\n`).toBe(rawCsvHeader());
      perPart.push(lines.length);
      for (const line of lines) {
        // The fast loader's byte check passes every generated line: the demo's files take its fastest path.
        const bytes = Buffer.from(line);
        expect(checkCanonicalCsvLine(bytes, 0, bytes.length, NOW, emptyLineFacts()), line).toBe(true);
        const [assetId, recordedAt, , siteId, lineId] = line.split(',');
        expect(siteId).toMatch(/./);
        expect(lineId).toMatch(/./);
        keys.add(`${assetId ?? ''}@${recordedAt ?? ''}`);
        newest = Math.max(newest, Date.parse(recordedAt ?? ''));
        // Labelled history: machine_failure is always known, so ml-train can learn from it.
        expect(['0', '1']).toContain(line.split(',')[10]);
      }
    }
    expect(perPart).toEqual([334, 334, 335]);
    expect(keys.size).toBe(1_003);
    // Nothing in the future, nothing at or after the aligned end; the span is what was written.
    expect(newest).toBe(result.endMs);
    expect(result.endMs).toBeLessThan(Date.UTC(2026, 10, 22, 10, 30));
    expect(result.startMs).toBe(historyStartMs(spec, NOW));
    expect(result.bytes).toBeGreaterThan(1_003 * 50);
  });

  it('refuses a part count it cannot name', async () => {
    await expect(
      writeHistoryParts({ outDir: await tempDir(), history: spec, parts: 0, nowMs: NOW }),
    ).rejects.toThrow(/parts must be an integer in 1..9999/);
  });
});
