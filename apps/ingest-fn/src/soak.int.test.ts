import { WORKSPACE_ROOT } from '@lakehouse/testing';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERIES_PER_PROCESS = ['rss', 'heap', 'fds'];
const ROLES = ['producer', 'runner', 'fn-0', 'fn-1'];

interface SoakJson {
  samples: number;
  rate: number;
  verdicts: Record<string, string>;
  series: Record<string, { unit: string; values: (number | null)[] }>;
  produced: number;
  stored: number;
  finalLag: number;
  passed: boolean;
}

describe('soak harness', () => {
  // Two 10 s samples at 1,000 readings/s on a private stack of its own (about a minute with the stack's start).
  it('samples every series of every process and ends with its JSON line', { timeout: 150_000 }, async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@lakehouse/source',
        join(WORKSPACE_ROOT, 'apps/ingest-fn/soak/soak.ts'),
        '--duration-min',
        '0.34',
        '--sample-sec',
        '10',
        '--rate',
        '1000',
        '--json',
      ],
      { cwd: join(WORKSPACE_ROOT, 'apps/ingest-fn'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, err.slice(-3_000)).toBe(0);

    // With --json, stdout is the JSON line alone; progress went to stderr, one line per sample.
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(err).toMatch(/\[1\/2\] \d+ s: producer /);
    expect(err).toMatch(/\[2\/2\] \d+ s: producer /);
    const result = JSON.parse(lines[0] ?? '') as SoakJson;
    expect(result).toMatchObject({ samples: 2, rate: 1000, finalLag: 0, passed: true });
    const expected = [
      ...ROLES.flatMap((role) => SERIES_PER_PROCESS.map((metric) => `${role}.${metric}`)),
      'mysql.connections',
      'kafka.lag',
      'latency.p99',
    ];
    expect(Object.keys(result.series)).toEqual(expected);
    for (const name of expected) {
      const values = result.series[name]?.values ?? [];
      expect(values, name).toHaveLength(2);
      for (const v of values) {
        expect(v, name).toEqual(expect.any(Number));
        expect(v, name).toBeGreaterThanOrEqual(0);
      }
    }
    // Live processes hold memory, descriptors and database connections; p99 is a positive latency.
    for (const name of expected.filter((n) => !n.startsWith('kafka.')))
      expect(result.series[name]?.values[1], name).toBeGreaterThan(0);
    expect(Object.keys(result.verdicts)).toEqual([...expected, 'kafka.lagAtEnd']);
    // 20 s of sampling plus the producer's 10 s margin at 1,000 readings/s, every one stored once.
    expect(result.produced).toBeGreaterThan(20_000);
    expect(result.stored).toBe(result.produced);
  });
});
