import { describe, expect, it } from 'vitest';
import { parseCommand } from '@lakehouse/cli';
import { ML_TRAIN_COMMAND } from './cli-command.js';

function parseArgs(argv: readonly string[]): unknown {
  const parsed = parseCommand(ML_TRAIN_COMMAND, argv);
  return parsed.kind === 'command' ? parsed.value : parsed;
}

describe('ml-train command line', () => {
  it('parses the commands and --csv in both spellings', () => {
    expect(parseArgs(['train'])).toEqual({ command: 'train' });
    expect(parseArgs(['train', '--csv', 'a.csv'])).toEqual({ command: 'train', csv: 'a.csv' });
    expect(parseArgs(['evaluate', '--csv=/x/b.csv'])).toEqual({ command: 'evaluate', csv: '/x/b.csv' });
    expect(parseArgs(['score'])).toEqual({ command: 'score' });
    expect(parseArgs(['score', '--in-database'])).toEqual({ command: 'score', inDatabase: true });
    expect(parseArgs(['train', '--generated', '100000'])).toEqual({
      command: 'train',
      generatedRows: 100_000,
      seed: 2020,
    });
    expect(parseArgs(['train', '--generated', '500', '--seed', '7'])).toEqual({
      command: 'train',
      generatedRows: 500,
      seed: 7,
    });
  });

  it('refuses bad generator options', () => {
    expect(() => parseArgs(['train', '--generated', '0'])).toThrow(/--generated must be an integer/);
    expect(() => parseArgs(['train', '--generated', '5', '--csv', 'a'])).toThrow(/exclude each other/);
    expect(() => parseArgs(['train', '--seed', '5'])).toThrow(/--seed needs --generated/);
    expect(() => parseArgs(['evaluate', '--csv', 'a', '--generated', '5'])).toThrow(
      /evaluate does not take --generated/,
    );
  });

  it('refuses unknown commands and arguments, and evaluate without a file, with the usage', () => {
    expect(() => parseArgs([])).toThrow(
      expect.objectContaining({
        message: 'missing command',
        usage: expect.stringMatching(/^usage: ml-train/),
      }),
    );
    expect(() => parseArgs(['fit'])).toThrow(/unknown command: fit/);
    expect(() => parseArgs(['train', '--rows', '5'])).toThrow(/Unknown option '--rows'/);
    expect(() => parseArgs(['evaluate'])).toThrow(/--csv is required/);
    expect(() => parseArgs(['score', '--csv', 'a'])).toThrow(/score does not take --csv/);
  });

  it('parses score --history, which excludes --in-database and belongs to score only', () => {
    expect(parseArgs(['score', '--history'])).toEqual({ command: 'score', history: true });
    expect(() => parseArgs(['score', '--history', '--in-database'])).toThrow(/exclude each other/);
    expect(() => parseArgs(['train', '--history'])).toThrow(/train does not take --history/);
  });
});

describe('ml-train flags written as --x=v', () => {
  it('reads --generated=N and --seed=S like --generated N', () => {
    expect(parseArgs(['train', '--generated=500', '--seed=7'])).toEqual({
      command: 'train',
      generatedRows: 500,
      seed: 7,
    });
  });
});
