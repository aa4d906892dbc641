// What one soak sample holds, and how the samples become the series that are judged and drawn (ADR 0052).
import type { GrowthRule } from './growth-verdict.js';

/** One Node process of the path at one sample; a value is NaN when it could not be read (process gone). */
export interface ProcessSample {
  readonly pid: number;
  readonly rssBytes: number;
  /** Lowest V8 heapUsed over the sample window, from the heap probe (NaN before its first report). */
  readonly heapFloorBytes: number;
  readonly fds: number;
}

/** Everything measured at one sample. */
export interface SoakSample {
  /** Seconds since the producer was started. */
  readonly elapsedSec: number;
  /** Keyed by role: producer, runner, fn-0, fn-1, ... */
  readonly processes: Readonly<Record<string, ProcessSample>>;
  /** Threads_connected of the soak's own database server. */
  readonly mysqlConnections: number;
  /** Messages produced but not yet committed by the runner's consumer group. */
  readonly lagMessages: number;
  /** p99 of ingested_at - recorded_at over the readings stored since the previous sample (NaN when none). */
  readonly p99Ms: number;
  /** Readings whose latency the p99 was taken from. */
  readonly latencyRows: number;
}

/** A named series with its unit and growth rule. */
export interface SoakSeries {
  readonly name: string;
  readonly unit: string;
  readonly values: readonly number[];
  readonly rule: GrowthRule;
}

const MIB = 1024 * 1024;

/**
 * Rules per kind of series. Memory: 10 % and at least 8 MiB RSS / 4 MiB heap, above what a V8 heap resizing or a
 * bigger Kafka fetch buffer moves in one step. Descriptors and connections are small integers that should not move
 * at all: 4 descriptors, 2 connections. p99: 25 % and 100 ms, as a busy 2-core machine moves p99 by tens of ms.
 */
export const SERIES_RULES = {
  rss: { relative: 0.1, absolute: 8 },
  heap: { relative: 0.1, absolute: 4 },
  fds: { relative: 0, absolute: 4 },
  mysqlConnections: { relative: 0, absolute: 2 },
  p99Ms: { relative: 0.25, absolute: 100 },
} as const satisfies Record<string, GrowthRule>;

/**
 * The series of a run, in a stable order: per process (roles in first-seen order) RSS, heap and descriptors, then
 * MySQL connections, lag and p99. `lagAbsoluteMessages` is the lag rise that counts as falling behind (the harness
 * uses 5 s of input), because a lag's baseline is about 0.
 */
export function soakSeries(samples: readonly SoakSample[], lagAbsoluteMessages: number): SoakSeries[] {
  const roles: string[] = [];
  for (const s of samples)
    for (const role of Object.keys(s.processes)) if (!roles.includes(role)) roles.push(role);
  const of = (pick: (s: SoakSample) => number): number[] => samples.map(pick);
  const series: SoakSeries[] = [];
  for (const role of roles) {
    const p = (s: SoakSample): ProcessSample | undefined => s.processes[role];
    series.push(
      {
        name: `${role}.rss`,
        unit: 'MiB',
        values: of((s) => (p(s)?.rssBytes ?? NaN) / MIB),
        rule: SERIES_RULES.rss,
      },
      {
        name: `${role}.heap`,
        unit: 'MiB',
        values: of((s) => (p(s)?.heapFloorBytes ?? NaN) / MIB),
        rule: SERIES_RULES.heap,
      },
      { name: `${role}.fds`, unit: 'fds', values: of((s) => p(s)?.fds ?? NaN), rule: SERIES_RULES.fds },
    );
  }
  series.push(
    {
      name: 'mysql.connections',
      unit: 'conns',
      values: of((s) => s.mysqlConnections),
      rule: SERIES_RULES.mysqlConnections,
    },
    {
      name: 'kafka.lag',
      unit: 'msgs',
      values: of((s) => s.lagMessages),
      rule: { relative: 0, absolute: lagAbsoluteMessages },
    },
    { name: 'latency.p99', unit: 'ms', values: of((s) => s.p99Ms), rule: SERIES_RULES.p99Ms },
  );
  return series;
}
