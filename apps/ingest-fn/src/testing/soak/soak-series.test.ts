import { describe, expect, it } from 'vitest';
import { SERIES_RULES, soakSeries, type SoakSample } from './soak-series.js';

const MIB = 1024 * 1024;
const proc = (rssMiB: number, heapMiB: number, fds: number) => ({
  pid: 1,
  rssBytes: rssMiB * MIB,
  heapFloorBytes: heapMiB * MIB,
  fds,
});

function sample(elapsedSec: number, processes: SoakSample['processes']): SoakSample {
  return { elapsedSec, processes, mysqlConnections: 5, lagMessages: 12, p99Ms: 250, latencyRows: 100 };
}

describe('soakSeries', () => {
  it('has RSS, heap and descriptors per process, then connections, lag and p99, in MiB and their own units', () => {
    const series = soakSeries(
      [
        sample(60, { producer: proc(100, 20, 21), runner: proc(90, 15, 30) }),
        sample(120, { producer: proc(101, 21, 21), runner: proc(91, 16, 30) }),
      ],
      250,
    );
    expect(series.map((s) => s.name)).toEqual([
      'producer.rss',
      'producer.heap',
      'producer.fds',
      'runner.rss',
      'runner.heap',
      'runner.fds',
      'mysql.connections',
      'kafka.lag',
      'latency.p99',
    ]);
    expect(series[0]).toMatchObject({ unit: 'MiB', values: [100, 101], rule: SERIES_RULES.rss });
    expect(series[4]?.values).toEqual([15, 16]);
    expect(series[7]).toMatchObject({ unit: 'msgs', values: [12, 12], rule: { relative: 0, absolute: 250 } });
    expect(series[8]).toMatchObject({ unit: 'ms', values: [250, 250] });
  });

  it('gives a process missing from a sample a gap, not a zero', () => {
    const series = soakSeries([sample(60, { 'fn-1': proc(80, 10, 20) }), sample(120, {})], 10);
    expect(series.find((s) => s.name === 'fn-1.rss')?.values).toEqual([80, Number.NaN]);
  });
});
