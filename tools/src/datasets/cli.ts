import { relative, resolve } from 'node:path';
import { datasetLines } from './dataset-lines.js';
import { runCli } from '@lakehouse/cli';
import { SAMPLE_DEFAULTS, datasetsCommand, type DatasetCommand } from './parse-dataset-args.js';
import { writeDataset, type DatasetProgress } from './write-dataset.js';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

const rate = (progress: DatasetProgress): string =>
  Math.round((progress.rows * 1_000) / Math.max(progress.elapsedMs, 1)).toLocaleString('en-US');

/** Entry of `npm run datasets -- …`: exit 0 written, 1 failed, 2 bad usage. */
async function main(command: DatasetCommand): Promise<number> {
  const { rows, seed, format, outPath } = command;
  const shownPath = relative(process.cwd(), outPath) || outPath;
  console.error(
    `datasets: generating ${rows.toLocaleString('en-US')} ${format} rows, seed ${String(seed)} → ${shownPath}`,
  );
  const done = await writeDataset({
    lines: datasetLines({
      rows,
      seed,
      format,
      startMs: SAMPLE_DEFAULTS.startMs,
      intervalMs: SAMPLE_DEFAULTS.intervalMs,
    }),
    outPath,
    totalRows: rows,
    headerLines: format === 'csv' ? 1 : 0,
    onProgress: (progress) => {
      const percent = Math.floor((100 * progress.rows) / progress.totalRows);
      console.error(
        `datasets: ${progress.rows.toLocaleString('en-US')} / ${progress.totalRows.toLocaleString('en-US')} rows (${String(percent)} %), ${rate(progress)} rows/s`,
      );
    },
  });
  console.error(
    `datasets: wrote ${done.rows.toLocaleString('en-US')} rows to ${shownPath} in ${(done.elapsedMs / 1_000).toFixed(2)} s (${rate(done)} rows/s)`,
  );
  return 0;
}

process.exitCode = await runCli(
  datasetsCommand({ repoRoot: REPO_ROOT, cwd: process.cwd() }),
  process.argv.slice(2),
  main,
);
