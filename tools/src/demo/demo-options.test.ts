import { describe, expect, it } from 'vitest';
import { UsageError } from '@lakehouse/cli';
import { DEMO_USAGE, parseDemoOptions } from './demo-options.js';

describe('parseDemoOptions', () => {
  it('runs the whole demo for 100 assets on 3 sites with a million readings through Spark by default', () => {
    const options = parseDemoOptions([]);
    expect(options).toEqual({
      assets: 100,
      sites: 3,
      linesPerSite: 4,
      rows: 1_000_000,
      trainRows: 150_000,
      seed: 42,
      rate: 1_000,
      loader: 'spark',
      skip: new Set(),
      isFresh: false,
      isRetrain: false,
      port: 8080,
      stream: 'telemetry.readings.v1',
    });
    expect(options?.durationSec).toBeUndefined();
  });

  it('reads the flags of a scripted run', () => {
    expect(
      parseDemoOptions([
        '--assets',
        '20',
        '--rate',
        '2000',
        '--duration',
        '60',
        '--loader',
        'fast',
        '--skip',
        'stack,build',
        '--skip',
        'api',
        '--port',
        '0',
        '--database',
        'demo_smoke',
        '--stream',
        'readings.smoke-1',
        '--state-dir',
        '/tmp/demo',
        '--fresh',
      ]),
    ).toMatchObject({
      assets: 20,
      rate: 2_000,
      durationSec: 60,
      loader: 'fast',
      skip: new Set(['stack', 'build', 'api']),
      port: 0,
      database: 'demo_smoke',
      stream: 'readings.smoke-1',
      stateDir: '/tmp/demo',
      isFresh: true,
    });
  });

  it('names every bad flag at once, with the usage', () => {
    let error: unknown;
    try {
      parseDemoOptions(['--assets', '0', '--rate', 'fast', '--loader', 'hadoop', '--skip', 'stack']);
    } catch (err: unknown) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as UsageError).message;
    expect(message).toContain('--assets must be an integer from 1 to 100000, got "0"');
    expect(message).toContain('--rate must be an integer from 1 to 1000000, got "fast"');
    expect(message).toContain('--loader must be spark or fast, got "hadoop"');
    expect((error as UsageError).usage).toBe(DEMO_USAGE);
    // --skip items are checked once the flags are well formed (libs/cli checks the flags, then the command).
    expect(() => parseDemoOptions(['--skip', 'stack,coffee'])).toThrow(
      '--skip takes stack, build, history, train, score, stream, api; got "coffee"',
    );
  });

  it('refuses unknown flags, hostile names and a history smaller than the fleet', () => {
    expect(() => parseDemoOptions(['--colour'])).toThrow(/Unknown option '--colour'/);
    expect(() => parseDemoOptions(['--database', 'x; DROP DATABASE y'])).toThrow(/--database must be/);
    expect(() => parseDemoOptions(['--stream', 'a b'])).toThrow(/--stream must be/);
    expect(() => parseDemoOptions(['--rows', '10', '--assets', '20'])).toThrow(
      /--rows \(10\) must be at least --assets \(20\)/,
    );
  });

  it('returns null for --help', () => {
    expect(parseDemoOptions(['--help'])).toBeNull();
  });
});
