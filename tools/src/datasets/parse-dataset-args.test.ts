import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '@lakehouse/cli';
import { SAMPLE_DEFAULTS, datasetsCommand } from './parse-dataset-args.js';

/** The command line as the CLI sees it: a command, the help, or a usage error. */
function parseDatasetArgs(argv: readonly string[], paths: { repoRoot: string; cwd: string }): unknown {
  try {
    const parsed = parseCommand(datasetsCommand(paths), argv);
    return parsed.kind === 'help' ? { kind: 'help' } : parsed.value;
  } catch (err: unknown) {
    if (err instanceof UsageError) return { kind: 'usage-error', message: err.message };
    throw err;
  }
}

const paths = { repoRoot: '/repo', cwd: '/repo/tools' };

describe('parseDatasetArgs', () => {
  it('defaults to the committed 10k CSV sample', () => {
    expect(parseDatasetArgs([], paths)).toEqual({
      kind: 'generate',
      rows: SAMPLE_DEFAULTS.rows,
      seed: SAMPLE_DEFAULTS.seed,
      format: 'csv',
      outPath: '/repo/datasets/sample/ai4i-synthetic-10k.csv',
    });
  });

  it('sends any other run to the git-ignored generated folder', () => {
    expect(parseDatasetArgs(['--rows', '1000000'], paths)).toMatchObject({
      outPath: '/repo/datasets/generated/ai4i-synthetic-1000000-seed33.csv',
    });
    expect(parseDatasetArgs(['--seed', '7', '--format', 'jsonl'], paths)).toMatchObject({
      seed: 7,
      format: 'jsonl',
      outPath: '/repo/datasets/generated/ai4i-synthetic-10000-seed7.jsonl',
    });
  });

  it('resolves --out against the working directory', () => {
    expect(parseDatasetArgs(['--out', 'x.csv'], paths)).toMatchObject({ outPath: '/repo/tools/x.csv' });
    expect(parseDatasetArgs(['--out=/tmp/y.csv'], paths)).toMatchObject({ outPath: '/tmp/y.csv' });
  });

  it('answers --help', () => {
    expect(parseDatasetArgs(['--help'], paths)).toEqual({ kind: 'help' });
  });

  it('turns bad input into a usage error instead of throwing', () => {
    const kinds = [
      ['--rows', '0'],
      ['--rows', '1e6'],
      ['--seed', 'abc'],
      ['--format', 'parquet'],
      ['--verbose'],
      ['positional'],
    ].map((argv) => parseDatasetArgs(argv, paths));
    expect(kinds.every((command) => (command as { kind: string }).kind === 'usage-error')).toBe(true);
  });
});
