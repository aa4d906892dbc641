import { describe, expect, it } from 'vitest';
import { parseCli } from '../parse-cli.js';

describe('bulk-load assets commands', () => {
  it('parses assets import with its reject folder', () => {
    expect(parseCli(['assets', 'import', '--file', 'register.csv', '--out', 'rejects'])).toEqual({
      kind: 'assets-import',
      file: 'register.csv',
      outDir: 'rejects',
    });
    expect(() => parseCli(['assets', 'import'])).toThrow(/--file is required/);
  });

  it('parses assets generate with the fleet defaults of generate', () => {
    expect(parseCli(['assets', 'generate', '--out', 'r.csv'])).toEqual({
      kind: 'assets-generate',
      outFile: 'r.csv',
      fleet: { assets: 100, sites: 3, linesPerSite: 4, seed: 42 },
    });
    expect(
      parseCli(['assets', 'generate', '--out', 'r.csv', '--assets', '6', '--as-of', '2026-01-01T00:00:00Z']),
    ).toMatchObject({ fleet: { assets: 6 }, asOfMs: Date.UTC(2026, 0, 1) });
    expect(() => parseCli(['assets', 'generate', '--out', 'r.csv', '--as-of', 'yesterday'])).toThrow(
      /--as-of must be an ISO-8601 instant/,
    );
  });
});
