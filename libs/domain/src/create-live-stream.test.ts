import { describe, expect, it } from 'vitest';
import { createFleet } from './create-fleet.js';
import { createLiveStream } from './create-live-stream.js';
import type { Reading } from './reading.js';

const fleet = createFleet({ seed: 1, assets: 4, sites: 2, linesPerSite: 1 });
const take = (iterator: Iterator<Reading>, count: number): Reading[] =>
  Array.from({ length: count }, () => iterator.next().value as Reading);

describe('createLiveStream', () => {
  it('staggers assets evenly inside the interval and keeps every reading in time order', () => {
    const readings = take(createLiveStream({ seed: 1, fleet, startMs: 1_000, intervalMs: 100 }), 8);
    expect(readings.map((r) => [r.assetId, r.recordedAt])).toEqual([
      ['S01-L01-M0001', 1_000],
      ['S02-L01-M0002', 1_025],
      ['S01-L01-M0003', 1_050],
      ['S02-L01-M0004', 1_075],
      ['S01-L01-M0001', 1_100],
      ['S02-L01-M0002', 1_125],
      ['S01-L01-M0003', 1_150],
      ['S02-L01-M0004', 1_175],
    ]);
  });

  it('omits labels by default and attaches them on request, with the same measurements', () => {
    const plain = take(createLiveStream({ seed: 3, fleet, startMs: 0, intervalMs: 1_000 }), 50);
    const labelled = take(
      createLiveStream({ seed: 3, fleet, startMs: 0, intervalMs: 1_000, includeLabels: true }),
      50,
    );
    expect(plain.every((r) => !('labels' in r))).toBe(true);
    expect(labelled.every((r) => r.labels !== undefined)).toBe(true);
    expect(labelled.map(({ labels: _labels, ...rest }) => rest)).toEqual(plain);
  });

  it('keeps going for as long as the caller takes readings', () => {
    const stream = createLiveStream({ seed: 1, fleet, startMs: 0, intervalMs: 1 });
    expect(take(stream, 10_000).at(-1)?.recordedAt).toBe(2_499);
  });

  it('rejects a non-positive interval, a fractional start and an empty fleet', () => {
    expect(() => createLiveStream({ seed: 1, fleet, startMs: 0, intervalMs: 0 })).toThrow(RangeError);
    expect(() => createLiveStream({ seed: 1, fleet, startMs: 0.5, intervalMs: 10 })).toThrow(RangeError);
    expect(() => createLiveStream({ seed: 1, fleet: { assets: [] }, startMs: 0, intervalMs: 10 })).toThrow(
      RangeError,
    );
  });
});
