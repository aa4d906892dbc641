import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDataset, type DatasetProgress } from './write-dataset.js';

describe('writeDataset', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'write-dataset-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every line, creating the folder, and counts rows without the header', async () => {
    const outPath = join(dir, 'nested', 'out.csv');
    const done = await writeDataset({ lines: ['h\n', 'a\n', 'b\n'], outPath, totalRows: 2, headerLines: 1 });
    expect(await readFile(outPath, 'utf8')).toBe('h\na\nb\n');
    expect(done.rows).toBe(2);
    expect(await readdir(join(dir, 'nested'))).toEqual(['out.csv']);
  });

  it('reports progress at most once per interval', async () => {
    let clockMs = 0;
    const reports: DatasetProgress[] = [];
    // Lines of 1 MiB force a flush per line; the fake clock advances 600 ms per reading of it.
    const line = `${'x'.repeat(1 << 20)}\n`;
    await writeDataset({
      lines: Array.from({ length: 6 }, () => line),
      outPath: join(dir, 'big.txt'),
      totalRows: 6,
      now: () => (clockMs += 600),
      onProgress: (progress) => reports.push(progress),
    });
    expect(reports.map((r) => r.rows)).toEqual([2, 4, 6]);
  });

  it('leaves neither the file nor a partial file behind when the lines fail', async () => {
    const outPath = join(dir, 'broken.csv');
    function* failing(): Generator<string> {
      yield 'a\n';
      throw new Error('generator broke');
    }
    await expect(writeDataset({ lines: failing(), outPath, totalRows: 2 })).rejects.toThrow(
      'generator broke',
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
