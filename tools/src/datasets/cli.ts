import { relative, resolve } from 'node:path';
import { datasetLines } from './dataset-lines.js';
import { DATASETS_USAGE, SAMPLE_DEFAULTS, parseDatasetArgs } from './parse-dataset-args.js';
import { writeDataset, type DatasetProgress } from './write-dataset.js';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

const rate = (progress: DatasetProgress): string =>
  Math.round((progress.rows * 1_000) / Math.max(progress.elapsedMs, 1)).toLocaleString('en-US');

/** Entry of `npm run datasets -- …`: exit 0 written, 1 failed, 2 bad usage. */
async function main(argv: readonly string[]): Promise<number> {
  const command = parseDatasetArgs(argv, { repoRoot: REPO_ROOT, cwd: process.cwd() });
  if (command.kind === 'help') {
    console.log(DATASETS_USAGE);
    return 0;
  }
  if (command.kind === 'usage-error') {
    console.error(`${command.message}\n\n${DATASETS_USAGE}`);
    return 2;
  }
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`datasets: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
