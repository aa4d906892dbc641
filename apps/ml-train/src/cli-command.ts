import { defineCommand, defineGroup, UsageError } from '@lakehouse/cli';
import { Type } from '@sinclair/typebox';

/** Parsed command line. */
export interface CliArgs {
  readonly command: 'train' | 'evaluate' | 'score' | 'models';
  readonly csv?: string;
  /** Train on this many readings from the project's generator instead of a file or the database. */
  readonly generatedRows?: number;
  /** Seed of the generated readings. @default 2020 */
  readonly seed?: number;
  /** `score` with HeatWave AutoML instead of in-process. */
  readonly inDatabase?: boolean;
  /** `score` only the readings the active model has not scored, probability only, then their aggregates. */
  readonly history?: boolean;
}

/** Seed of `train --generated` when none is given. */
export const DEFAULT_GENERATOR_SEED = 2020;

const train = defineCommand({
  name: 'train',
  summary:
    'train on FILE (AI4I layout), on ROWS freshly generated readings (libs/domain generator), or by default on\nthe labelled readings in MySQL; register and activate',
  flags: {
    csv: Type.Optional(
      Type.String({ minLength: 1, placeholder: 'FILE', description: 'labelled AI4I-layout file' }),
    ),
    generated: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 10_000_000,
        placeholder: 'ROWS',
        description: 'generated readings',
      }),
    ),
    seed: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        placeholder: 'S',
        description: `seed of --generated (default ${String(DEFAULT_GENERATOR_SEED)})`,
      }),
    ),
  },
  build: ({ flags }): CliArgs => {
    const { csv, generated, seed } = flags;
    if (csv !== undefined && generated !== undefined)
      throw new UsageError('--csv and --generated exclude each other');
    if (seed !== undefined && generated === undefined) throw new UsageError('--seed needs --generated');
    return {
      command: 'train',
      ...(csv === undefined ? {} : { csv }),
      ...(generated === undefined ? {} : { generatedRows: generated, seed: seed ?? DEFAULT_GENERATOR_SEED }),
    };
  },
});

const evaluate = defineCommand({
  name: 'evaluate',
  summary: 'score a labelled AI4I-layout file with the active model and print its metrics',
  flags: {
    csv: Type.String({ minLength: 1, placeholder: 'FILE', description: 'labelled AI4I-layout file' }),
  },
  build: ({ flags }): CliArgs => ({ command: 'evaluate', csv: flags.csv }),
});

const score = defineCommand({
  name: 'score',
  summary: 'batch-score the readings table with the active model into predictions',
  flags: {
    'in-database': Type.Boolean({
      default: false,
      description: "use the model's HeatWave AutoML handle (ML_PREDICT_TABLE), HeatWave only",
    }),
    history: Type.Boolean({
      default: false,
      description:
        'score every reading the active model has not scored (probability and model id only), in slices\nwith progress, then rebuild the hourly aggregates and daily rollups it changed',
    }),
  },
  build: ({ flags }): CliArgs => {
    if (flags['in-database'] && flags.history)
      throw new UsageError('--in-database and --history exclude each other');
    return {
      command: 'score',
      ...(flags['in-database'] ? { inDatabase: true } : {}),
      ...(flags.history ? { history: true } : {}),
    };
  },
});

const models = defineCommand({
  name: 'models',
  summary: 'list the model registry',
  build: (): CliArgs => ({ command: 'models' }),
});

/** The `ml-train` command line: train, evaluate, score, models. */
export const ML_TRAIN_COMMAND = defineGroup({
  name: 'ml-train',
  summary: 'Trains, evaluates and applies the failure-prediction model (see apps/ml-train/README.md).',
  subcommands: [train, evaluate, score, models],
});
