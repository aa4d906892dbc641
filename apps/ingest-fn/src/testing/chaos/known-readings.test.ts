import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  expectedInstants,
  knownSetLayout,
  lineCount,
  lineOfReading,
  phaseLines,
  writeKnownReadings,
} from './known-readings.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('known readings', () => {
  it('rounds up to whole rounds of the fleet and rejects bad sizes', () => {
    const layout = knownSetLayout({ seed: 1, readings: 1_050, assets: 100, perMessage: 10 });
    expect(layout.rounds).toBe(11);
    expect(lineCount(layout)).toBe(200);
    expect(() => knownSetLayout({ seed: 1, readings: 0, assets: 100, perMessage: 10 })).toThrow(/readings/);
    expect(() => knownSetLayout({ seed: -1, readings: 10, assets: 1, perMessage: 1 })).toThrow(/seed/);
  });

  it('splits the lines into contiguous phases covering all of them', () => {
    const ranges = [0, 1, 2].map((p) => phaseLines(10, 3, p));
    expect(ranges).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 6 },
      { from: 6, to: 10 },
    ]);
    expect(() => phaseLines(2, 3, 0)).toThrow(/cannot fill 3 phases/);
  });

  it('writes every reading once, one asset per line, and finds each reading on its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'known-'));
    dirs.push(dir);
    const layout = knownSetLayout({ seed: 3, readings: 25 * 7, assets: 7, perMessage: 4 });
    const { known, files } = await writeKnownReadings(layout, dir, 3);
    expect(known.readings).toBe(175);
    const lines = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    );
    expect(lines).toHaveLength(known.lines);
    const byId = new Map(known.assetIds.map((id, i) => [id, i]));
    const seen = new Set<string>();
    for (const [lineIndex, line] of lines.entries()) {
      const readings = JSON.parse(line) as { assetId: string; recordedAt: number }[];
      expect(new Set(readings.map((r) => r.assetId)).size).toBe(1);
      for (const r of readings) {
        expect(lineOfReading(known, byId, r.assetId, r.recordedAt)).toBe(lineIndex);
        seen.add(`${r.assetId}@${String(r.recordedAt)}`);
      }
    }
    expect(seen.size).toBe(175);
    for (const [i, id] of known.assetIds.entries()) {
      for (const t of expectedInstants(known, i)) expect(seen.has(`${id}@${String(t)}`)).toBe(true);
    }
    // Same seed, same bytes.
    const again = await writeKnownReadings(layout, mkdtempSync(join(tmpdir(), 'known-')), 3);
    dirs.push(join(again.files[0] ?? '', '..'));
    expect(readFileSync(again.files[1] ?? '', 'utf8')).toBe(readFileSync(files[1] ?? '', 'utf8'));
  });

  it('places no reading outside the set', () => {
    const layout = knownSetLayout({ seed: 3, readings: 20, assets: 2, perMessage: 5 });
    const known = { ...layout, assetIds: ['A', 'B'], lines: lineCount(layout), readings: 20 };
    const byId = new Map([
      ['A', 0],
      ['B', 1],
    ]);
    expect(lineOfReading(known, byId, 'A', layout.startMs)).toBe(0);
    expect(lineOfReading(known, byId, 'B', layout.startMs + 500 + 5_000)).toBe(3);
    expect(lineOfReading(known, byId, 'C', layout.startMs)).toBeUndefined();
    expect(lineOfReading(known, byId, 'A', layout.startMs + 1)).toBeUndefined();
    expect(lineOfReading(known, byId, 'A', layout.startMs - 1_000)).toBeUndefined();
    expect(lineOfReading(known, byId, 'A', layout.startMs + 10_000)).toBeUndefined();
  });
});
