import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar.js';

describe('progress bar', () => {
  it('shows rows, rows/s, percent and ETA from the byte fraction', () => {
    let t = 0;
    const out: string[] = [];
    const bar = new ProgressBar({
      output: { write: (s) => out.push(s) },
      totalBytes: 1000,
      now: () => t,
      intervalMs: 1000,
    });
    t = 10_000;
    bar.advance({ bytes: 250, rows: 50_000 });
    expect(out.at(-1)).toBe(
      'load [######------------------] 25.0% 50,000 rows 5,000 rows/s ETA 0:30 rejects 0\n',
    );
    t = 10_500;
    bar.advance({ rejects: 2 });
    expect(out).toHaveLength(1);
    bar.finish();
    expect(out.at(-1)).toContain('rejects 2');
  });

  it('redraws in place on a terminal', () => {
    const out: string[] = [];
    const bar = new ProgressBar({
      output: { write: (s) => out.push(s), isTTY: true },
      totalBytes: 0,
      now: () => 0,
    });
    bar.finish();
    expect(out[0]!.startsWith('\r')).toBe(true);
    expect(out[1]).toBe('\n');
  });
});
