import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BulkLoadEnvSchema, loadConfig } from './config.js';
import { parseCli } from './parse-cli.js';

describe('bulk-load command line', () => {
  it('answers --help (alone or after a command) with the usage', () => {
    for (const argv of [
      [],
      ['--help'],
      ['help'],
      ['generate', '--help'],
      ['spark', 'run', '-h'],
      ['load', '--help'],
    ])
      expect(parseCli(argv)).toEqual({ kind: 'help' });
  });

  it('parses the load command with its options', () => {
    expect(
      parseCli(['load', 'a.csv', 'b.parquet', '--concurrency', '4', '--chunk-rows', '1000', '--fresh']),
    ).toEqual({
      kind: 'load',
      files: ['a.csv', 'b.parquet'],
      concurrency: 4,
      chunkRows: 1000,
      isFresh: true,
    });
  });

  it('parses spark, dataflow and heatwave commands', () => {
    expect(parseCli(['spark', 'generate'])).toEqual({ kind: 'spark-generate' });
    expect(parseCli(['spark', 'run', '--raw', 'r', '--rejects', 'j', '--silver', 's'])).toMatchObject({
      kind: 'spark-run',
      rawPath: 'r',
    });
    expect(parseCli(['spark', 'run', '--parameters', 'p.json'])).toEqual({
      kind: 'spark-run-parameters',
      parametersFile: 'p.json',
    });
    expect(() => parseCli(['spark', 'run', '--parameters', 'p.json', '--raw', 'r'])).toThrow(/not both/);
    expect(parseCli(['spark', 'provider'])).toEqual({ kind: 'spark-provider' });
    expect(parseCli(['dataflow', 'package', '--out', 'o'])).toEqual({
      kind: 'dataflow-package',
      outDir: 'o',
    });
    expect(parseCli(['dataflow', 'run', '--raw', 'r'])).toEqual({ kind: 'dataflow-run', rawDir: 'r' });
    expect(parseCli(['heatwave', 'dryrun'])).toEqual({ kind: 'heatwave-load', isDryRun: true });
    expect(parseCli(['heatwave', 'load'])).toEqual({ kind: 'heatwave-load', isDryRun: false });
  });

  it('parses generate with the demo fleet as defaults', () => {
    expect(parseCli(['generate', '--out', 'raw'])).toEqual({
      kind: 'generate',
      outDir: 'raw',
      history: {
        rows: 1_000_000,
        assets: 100,
        sites: 3,
        linesPerSite: 4,
        seed: 42,
        intervalMs: 60_000,
        mode: 'in-time',
      },
      parts: 4,
    });
    expect(
      parseCli([
        'generate',
        '--out',
        'r',
        '--rows',
        '500',
        '--interval-s',
        '5',
        '--end',
        '2026-01-31T00:00:00Z',
      ]),
    ).toMatchObject({ history: { rows: 500, intervalMs: 5_000, endMs: Date.UTC(2026, 0, 31) } });
    expect(() => parseCli(['generate'])).toThrow(/--out is required/);
    expect(() => parseCli(['generate', '--out', 'r', '--end', 'yesterday'])).toThrow(
      /--end must be an ISO-8601/,
    );
    expect(() => parseCli(['generate', '--out', 'r', '--assets', '0'])).toThrow(
      /--assets must be a positive/,
    );
  });

  it('refuses bad usage with the usage text', () => {
    expect(() => parseCli(['load'])).toThrow(/load needs input files/);
    expect(() => parseCli(['load', 'a.csv', '--concurrency', '0'])).toThrow(
      /--concurrency must be a positive integer/,
    );
    expect(() => parseCli(['spark', 'run', '--raw', 'r'])).toThrow(/--rejects is required/);
    expect(() => parseCli(['frobnicate'])).toThrow(/unknown command/);
    expect(() => parseCli(['load', 'a.csv', '--bogus'])).toThrow(
      expect.objectContaining({ usage: expect.stringMatching(/usage:/) }),
    );
  });
});

describe('config', () => {
  it('has defaults for everything a local run needs and names every bad key', () => {
    expect(loadConfig({}).SPARK_MASTER).toBe('local[2]');
    expect(() => loadConfig({ SPARK_MASTER: 'yarn', BULK_LOAD_CONCURRENCY: '0' })).toThrow(
      /SPARK_MASTER.*BULK_LOAD_CONCURRENCY|BULK_LOAD_CONCURRENCY.*SPARK_MASTER/,
    );
  });

  it('documents every key of the schema in .env.example', () => {
    const example = readFileSync(join(import.meta.dirname, '..', '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    for (const key of [...Object.keys(BulkLoadEnvSchema.properties), 'MYSQL_HOST', 'MYSQL_PASSWORD'])
      expect(documented, key).toContain(key);
  });
});
