import { describe, expect, it } from 'vitest';
import { parseArgs } from './cli.js';

describe('ml-train command line', () => {
  it('parses the commands and --csv in both spellings', () => {
    expect(parseArgs(['train'])).toEqual({ command: 'train' });
    expect(parseArgs(['train', '--csv', 'a.csv'])).toEqual({ command: 'train', csv: 'a.csv' });
    expect(parseArgs(['evaluate', '--csv=/x/b.csv'])).toEqual({ command: 'evaluate', csv: '/x/b.csv' });
    expect(parseArgs(['score'])).toEqual({ command: 'score' });
  });

  it('refuses unknown commands and arguments, and evaluate without a file, with the usage', () => {
    expect(() => parseArgs([])).toThrow(/usage: ml-train/);
    expect(() => parseArgs(['fit'])).toThrow(/unknown command "fit"/);
    expect(() => parseArgs(['train', '--rows', '5'])).toThrow(/unexpected argument "--rows"/);
    expect(() => parseArgs(['evaluate'])).toThrow(/evaluate needs --csv FILE/);
    expect(() => parseArgs(['score', '--csv', 'a'])).toThrow(/takes no --csv/);
  });
});
