import { describe, expect, it } from 'vitest';
import { parseCli } from '../parse-cli.js';

describe('bulk-load stock commands', () => {
  it('parses stock import with its reject folder', () => {
    expect(parseCli(['stock', 'import', '--file', 'stock.csv', '--out', 'rejects'])).toEqual({
      kind: 'stock-import',
      file: 'stock.csv',
      outDir: 'rejects',
    });
    expect(() => parseCli(['stock', 'import'])).toThrow(/--file is required/);
  });

  it('parses stock generate with the fleet defaults of generate', () => {
    expect(parseCli(['stock', 'generate', '--out', 's.csv'])).toEqual({
      kind: 'stock-generate',
      outFile: 's.csv',
      fleet: { assets: 100, sites: 3, linesPerSite: 4, seed: 42 },
    });
  });
});
