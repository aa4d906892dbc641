import { describe, expect, it } from 'vitest';
import { parseCommand } from '@lakehouse/cli';
import { ML_TRAIN_COMMAND } from './cli-command.js';

function parse(argv: readonly string[]): unknown {
  const parsed = parseCommand(ML_TRAIN_COMMAND, argv);
  return parsed.kind === 'command' ? parsed.value : parsed;
}

describe('ml-train command line', () => {
  it('parses the commands and --csv in both spellings', () => {
    expect(parse(['train'])).toEqual({ command: 'train' });
    expect(parse(['train', '--csv', 'a.csv'])).toEqual({ command: 'train', csv: 'a.csv' });
    expect(parse(['evaluate', '--csv=/x/b.csv'])).toEqual({ command: 'evaluate', csv: '/x/b.csv' });
    expect(parse(['score'])).toEqual({ command: 'score' });
    expect(parse(['score', '--in-database'])).toEqual({ command: 'score', inDatabase: true });
    expect(parse(['train', '--generated', '100000'])).toEqual({
      command: 'train',
      generatedRows: 100_000,
      seed: 2020,
    });
    expect(parse(['train', '--generated', '500', '--seed', '7'])).toEqual({
      command: 'train',
      generatedRows: 500,
      seed: 7,
    });
  });

  it('refuses bad generator options', () => {
    expect(() => parse(['train', '--generated', '0'])).toThrow(/--generated must be an integer/);
    expect(() => parse(['train', '--generated', '5', '--csv', 'a'])).toThrow(/exclude each other/);
    expect(() => parse(['train', '--seed', '5'])).toThrow(/--seed needs --generated/);
    expect(() => parse(['evaluate', '--csv', 'a', '--generated', '5'])).toThrow(
      /evaluate does not take --generated/,
    );
  });

  it('refuses unknown commands and arguments, and evaluate without a file, with the usage', () => {
    expect(() => parse([])).toThrow(
      expect.objectContaining({
        message: 'missing command',
        usage: expect.stringMatching(/^usage: ml-train/),
      }),
    );
    expect(() => parse(['fit'])).toThrow(/unknown command: fit/);
    expect(() => parse(['train', '--rows', '5'])).toThrow(/Unknown option '--rows'/);
    expect(() => parse(['evaluate'])).toThrow(/--csv is required/);
    expect(() => parse(['score', '--csv', 'a'])).toThrow(/score does not take --csv/);
  });

  it('parses score --history, which excludes --in-database and belongs to score only', () => {
    expect(parse(['score', '--history'])).toEqual({ command: 'score', history: true });
    expect(() => parse(['score', '--history', '--in-database'])).toThrow(/exclude each other/);
    expect(() => parse(['train', '--history'])).toThrow(/train does not take --history/);
  });
});

describe('ml-train flags written as --x=v', () => {
  it('reads --generated=N and --seed=S like --generated N', () => {
    expect(parse(['train', '--generated=500', '--seed=7'])).toEqual({
      command: 'train',
      generatedRows: 500,
      seed: 7,
    });
  });
});
