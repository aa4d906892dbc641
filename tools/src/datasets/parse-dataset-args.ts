import { resolve } from 'node:path';
import { defineCommand } from '@lakehouse/cli';
import { Type } from '@sinclair/typebox';

/** Output formats of `npm run datasets`. */
export const DATASET_FORMATS = ['csv', 'jsonl'] as const;
/** One of {@link DATASET_FORMATS}: `csv` is the AI4I column layout, `jsonl` one domain Reading per line. */
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** What the committed sample is generated with; changing any of these changes datasets/sample. */
export const SAMPLE_DEFAULTS = Object.freeze({
  rows: 10_000,
  /**
   * Any 10 000-row sample scatters around AI4I's counts (HDF, which clusters in warm spells, by about ±25 %). Seed 33
   * was picked among seeds 1..400 as the one whose sample is closest to the published counts (339 failures: 46 TWF,
   * 115 HDF, 95 PWF, 98 OSF), so the committed file is representative. It is not otherwise special.
   */
  seed: 33,
  format: 'csv',
  /** First reading at 2024-01-01T00:00:00Z. */
  startMs: Date.UTC(2024, 0, 1),
  /** Each machine of the default 20-machine fleet reads once a minute. */
  intervalMs: 60_000,
});

/** Repository-relative path of the committed sample. */
export const SAMPLE_PATH = 'datasets/sample/ai4i-synthetic-10k.csv';
/** Repository-relative folder for larger, git-ignored datasets. */
export const GENERATED_DIR = 'datasets/generated';

/** A parsed `npm run datasets -- …` invocation. */
export interface DatasetCommand {
  readonly kind: 'generate';
  readonly rows: number;
  readonly seed: number;
  readonly format: DatasetFormat;
  /** Absolute path of the file to write. */
  readonly outPath: string;
}

const MAX_ROWS = 1_000_000_000;

/** The `npm run datasets --` command line; paths resolve against `repoRoot` and `cwd`. */
export function datasetsCommand(paths: { readonly repoRoot: string; readonly cwd: string }) {
  return defineCommand({
    name: 'datasets',
    invocation: 'npm run datasets --',
    summary: 'Generates a labelled synthetic dataset in the AI4I 2020 layout (same seed, same bytes).',
    details: 'See datasets/README.md for the data dictionary and the generation parameters.',
    flags: {
      rows: Type.Integer({
        minimum: 1,
        maximum: MAX_ROWS,
        default: SAMPLE_DEFAULTS.rows,
        description: 'readings to generate',
      }),
      seed: Type.Integer({ default: SAMPLE_DEFAULTS.seed, placeholder: 'S', description: 'integer seed' }),
      format: Type.Union(
        DATASET_FORMATS.map((f) => Type.Literal(f)),
        {
          default: SAMPLE_DEFAULTS.format,
          placeholder: 'F',
          description: 'csv: AI4I 2020 column layout; jsonl: one domain Reading per line, fleet timestamps',
        },
      ),
      out: Type.Optional(
        Type.String({
          minLength: 1,
          placeholder: 'FILE',
          description: `output path; default ${SAMPLE_PATH} for the default run,\nelse ${GENERATED_DIR}/ai4i-synthetic-<rows>-seed<S>.<csv|jsonl> (git-ignored)`,
        }),
      ),
    },
    build: ({ flags }): DatasetCommand => {
      const { rows, seed } = flags;
      const format: DatasetFormat = flags.format;
      const isSample =
        rows === SAMPLE_DEFAULTS.rows && seed === SAMPLE_DEFAULTS.seed && format === SAMPLE_DEFAULTS.format;
      const outPath =
        flags.out !== undefined
          ? resolve(paths.cwd, flags.out)
          : resolve(
              paths.repoRoot,
              isSample
                ? SAMPLE_PATH
                : `${GENERATED_DIR}/ai4i-synthetic-${String(rows)}-seed${String(seed)}.${format}`,
            );
      return { kind: 'generate', rows, seed, format, outPath };
    },
  });
}
