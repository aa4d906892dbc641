import { defineCommand, defineGroup, parseCommand, UsageError } from '@lakehouse/cli';
import { Type } from '@sinclair/typebox';
import type { HistorySpec } from './raw/write-history-parts.js';

/** The simulated fleet `assets generate` and `stock generate` describe (FLEET_FLAGS, as `generate` reads them). */
export interface FleetSpec {
  readonly assets: number;
  readonly sites: number;
  readonly linesPerSite: number;
  readonly seed: number;
}

/** A parsed command line of `bulk-load`. */
export type CliCommand =
  | {
      readonly kind: 'load';
      readonly files: readonly string[];
      readonly outDir?: string;
      readonly concurrency?: number;
      readonly chunkRows?: number;
      readonly isFresh: boolean;
    }
  | {
      readonly kind: 'generate';
      readonly outDir: string;
      readonly history: HistorySpec;
      readonly parts: number;
    }
  | { readonly kind: 'spark-generate'; readonly outFile?: string }
  | {
      readonly kind: 'spark-run';
      readonly rawPath: string;
      readonly rejectsPath: string;
      readonly silverPath: string;
      readonly runId?: string;
    }
  | {
      /** The Data Flow application's exact parameters from a JSON file (the local rehearsal of a deploy). */
      readonly kind: 'spark-run-parameters';
      readonly parametersFile: string;
    }
  | { readonly kind: 'spark-provider' }
  | { readonly kind: 'dataflow-package'; readonly outDir?: string }
  | {
      readonly kind: 'dataflow-run';
      readonly rawDir: string;
      readonly displayName?: string;
    }
  | { readonly kind: 'heatwave-load'; readonly isDryRun: boolean }
  | {
      /** A customer's asset register CSV into asset_master_data. */
      readonly kind: 'assets-import';
      readonly file: string;
      readonly outDir?: string;
    }
  | {
      /** The simulated fleet's register as a CSV in the import layout. */
      readonly kind: 'assets-generate';
      readonly outFile: string;
      readonly fleet: FleetSpec;
      /** Instant the register describes, epoch ms; undefined = now. */
      readonly asOfMs?: number;
    }
  | {
      /** A spare-part stock CSV into spare_part_stock. */
      readonly kind: 'stock-import';
      readonly file: string;
      readonly outDir?: string;
    }
  | {
      /** The simulated fleet's spare-part stock as a CSV in the import layout. */
      readonly kind: 'stock-generate';
      readonly outFile: string;
      readonly fleet: FleetSpec;
    }
  | { readonly kind: 'help' };

const ISO_EXPECTED = 'an ISO-8601 instant such as 2026-01-31T00:00:00Z';

const positiveInt = (description: string, fallback?: number) =>
  fallback === undefined
    ? Type.Optional(Type.Integer({ minimum: 1, expected: 'a positive integer', description }))
    : Type.Integer({ minimum: 1, default: fallback, expected: 'a positive integer', description });

const instant = (description: string) =>
  Type.Optional(
    Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}T',
      expected: ISO_EXPECTED,
      placeholder: 'ISO-8601',
      description,
    }),
  );

const path = (description: string, placeholder = 'DIR') =>
  Type.String({ minLength: 1, placeholder, description });
const optionalPath = (description: string, placeholder = 'DIR') =>
  Type.Optional(path(description, placeholder));

/** Epoch ms of a flag that passed the instant pattern; a date such as 2026-13-45 still fails here. */
function instantMs(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new UsageError(`--${name} must be ${ISO_EXPECTED}, got ${JSON.stringify(value)}`);
  return ms;
}

/** The fleet flags `generate` and `assets generate` share, with the same defaults, so both describe one fleet. */
const FLEET_FLAGS = {
  assets: positiveInt('machines in the fleet', 100),
  sites: positiveInt('sites', 3),
  lines: positiveInt('lines per site', 4),
  seed: positiveInt('seed of the generator', 42),
};

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/** The fleet FLEET_FLAGS describe (`--lines` is lines per site). */
const fleetOf = (flags: { assets: number; sites: number; lines: number; seed: number }): FleetSpec => ({
  assets: flags.assets,
  sites: flags.sites,
  linesPerSite: flags.lines,
  seed: flags.seed,
});

/** `assets import` and `stock import`: one CSV file, rejects to `<out>/<file>.rejects.jsonl`. */
const csvImportCommand = (
  kind: 'assets-import' | 'stock-import',
  summary: string,
  file: { readonly description: string; readonly placeholder: string },
) =>
  defineCommand({
    name: 'import',
    summary,
    flags: { file: path(file.description, file.placeholder), out: optionalPath('reject files') },
    build: ({ flags }): CliCommand => ({ kind, file: flags.file, ...optional('outDir', flags.out) }),
  });

const generate = defineCommand({
  name: 'generate',
  summary: 'write a labelled fleet history as raw CSV parts (the demo raw bucket)',
  flags: {
    out: path('output folder'),
    rows: positiveInt('readings', 1_000_000),
    ...FLEET_FLAGS,
    'interval-s': positiveInt('seconds between readings of one machine', 60),
    fleet: Type.Union([Type.Literal('in-time'), Type.Literal('ai4i')], {
      default: 'in-time',
      placeholder: 'MODE',
      description:
        'in-time: machines that run jobs, wear, fail and are repaired, one reading per machine minute;\nai4i: independent AI4I process steps',
    }),
    end: instant('instant of the last reading (default now)'),
    parts: positiveInt('CSV parts', 4),
  },
  build: ({ flags }): CliCommand => {
    const endMs = instantMs('end', flags.end);
    return {
      kind: 'generate',
      outDir: flags.out,
      history: {
        rows: flags.rows,
        ...fleetOf(flags),
        intervalMs: flags['interval-s'] * 1_000,
        mode: flags.fleet,
        ...optional('endMs', endMs),
      },
      parts: flags.parts,
    };
  },
});

const load = defineCommand({
  name: 'load',
  summary: 'load CSV, JSON lines and Parquet files into readings (LOAD DATA, checkpointed)',
  positionals: [
    {
      name: 'files',
      description: 'input files (.csv, .jsonl, .parquet)',
      isRequired: true,
      isVariadic: true,
    },
  ],
  flags: {
    out: optionalPath('checkpoints and reject files (default BULK_LOAD_OUT_DIR)'),
    concurrency: positiveInt('files loaded in parallel (default BULK_LOAD_CONCURRENCY)'),
    'chunk-rows': positiveInt('rows per LOAD DATA statement (default BULK_LOAD_CHUNK_ROWS)'),
    fresh: Type.Boolean({ default: false, description: 'ignore checkpoints and load every file again' }),
  },
  build: ({ flags, positionals }): CliCommand => ({
    kind: 'load',
    files: positionals,
    ...optional('outDir', flags.out),
    ...optional('concurrency', flags.concurrency),
    ...optional('chunkRows', flags['chunk-rows']),
    isFresh: flags.fresh,
  }),
});

const spark = defineGroup({
  name: 'spark',
  summary: 'the Data Flow application on local Spark',
  subcommands: [
    defineCommand({
      name: 'generate',
      summary: 'print the Data Flow application (Spark SQL)',
      flags: { out: optionalPath('write it to FILE instead of stdout', 'FILE') },
      build: ({ flags }): CliCommand => ({ kind: 'spark-generate', ...optional('outFile', flags.out) }),
    }),
    defineCommand({
      name: 'run',
      summary: 'run it on local Spark: --raw, --rejects and --silver, or --parameters',
      flags: {
        raw: optionalPath('raw files'),
        rejects: optionalPath('reject files'),
        silver: optionalPath('silver Parquet files'),
        'run-id': Type.Optional(
          Type.String({ minLength: 1, placeholder: 'ID', description: 'id of the run' }),
        ),
        parameters: optionalPath("the Data Flow application's exact parameters", 'FILE.json'),
      },
      build: ({ flags }): CliCommand => {
        const { raw, rejects, silver, parameters } = flags;
        if (parameters !== undefined) {
          if (raw !== undefined || rejects !== undefined || silver !== undefined)
            throw new UsageError('spark run takes --parameters or --raw/--rejects/--silver, not both');
          return { kind: 'spark-run-parameters', parametersFile: parameters };
        }
        if (raw === undefined || rejects === undefined || silver === undefined) {
          const missing = Object.entries({ raw, rejects, silver }).filter(([, v]) => v === undefined);
          throw new UsageError(missing.map(([name]) => `--${name} is required`));
        }
        return {
          kind: 'spark-run',
          rawPath: raw,
          rejectsPath: rejects,
          silverPath: silver,
          ...optional('runId', flags['run-id']),
        };
      },
    }),
    defineCommand({
      name: 'provider',
      summary: 'build the jar of the Spark JDBC connection provider',
      build: (): CliCommand => ({ kind: 'spark-provider' }),
    }),
  ],
});

const dataflow = defineGroup({
  name: 'dataflow',
  summary: 'OCI Data Flow',
  subcommands: [
    defineCommand({
      name: 'package',
      summary: 'build what a deploy uploads to the Data Flow bucket',
      flags: { out: optionalPath('output folder (default apps/bulk-load/build/dataflow)') },
      build: ({ flags }): CliCommand => ({ kind: 'dataflow-package', ...optional('outDir', flags.out) }),
    }),
    defineCommand({
      name: 'run',
      summary: 'upload the script and raw files, run the application and follow the run',
      flags: {
        raw: path('raw files'),
        name: Type.Optional(
          Type.String({ minLength: 1, placeholder: 'NAME', description: 'display name of the run' }),
        ),
      },
      build: ({ flags }): CliCommand => ({
        kind: 'dataflow-run',
        rawDir: flags.raw,
        ...optional('displayName', flags.name),
      }),
    }),
  ],
});

const heatwave = defineGroup({
  name: 'heatwave',
  summary: 'load the lakehouse tables into HeatWave (or their stand-in on MariaDB)',
  subcommands: [
    defineCommand({
      name: 'load',
      summary: 'load the tables',
      flags: { dryrun: Type.Boolean({ default: false, description: 'print the statements instead' }) },
      build: ({ flags }): CliCommand => ({ kind: 'heatwave-load', isDryRun: flags.dryrun }),
    }),
    defineCommand({
      name: 'dryrun',
      summary: 'print the statements of heatwave load',
      build: (): CliCommand => ({ kind: 'heatwave-load', isDryRun: true }),
    }),
  ],
});

const assets = defineGroup({
  name: 'assets',
  summary: 'the asset register',
  subcommands: [
    csvImportCommand('assets-import', "import a customer's asset register CSV into asset_master_data", {
      description: 'the register',
      placeholder: 'register.csv',
    }),
    defineCommand({
      name: 'generate',
      summary: "write the simulated fleet's register in the import layout",
      flags: {
        out: path('output file', 'register.csv'),
        ...FLEET_FLAGS,
        'as-of': instant('instant the register describes (default now)'),
      },
      build: ({ flags }): CliCommand => ({
        kind: 'assets-generate',
        outFile: flags.out,
        fleet: fleetOf(flags),
        ...optional('asOfMs', instantMs('as-of', flags['as-of'])),
      }),
    }),
  ],
});

const stock = defineGroup({
  name: 'stock',
  summary: 'spare-part stock per site',
  subcommands: [
    csvImportCommand('stock-import', 'import a spare-part stock CSV into spare_part_stock', {
      description: 'the stock file',
      placeholder: 'stock.csv',
    }),
    defineCommand({
      name: 'generate',
      summary: "write the simulated fleet's spare-part stock in the import layout",
      flags: { out: path('output file', 'stock.csv'), ...FLEET_FLAGS },
      build: ({ flags }): CliCommand => ({
        kind: 'stock-generate',
        outFile: flags.out,
        fleet: fleetOf(flags),
      }),
    }),
  ],
});

/** The `bulk-load` command line; an empty one prints the help. */
export const BULK_LOAD_COMMAND = defineGroup({
  name: 'bulk-load',
  summary: 'Loads historical files into the lakehouse tables (see apps/bulk-load/README.md).',
  isHelpWhenEmpty: true,
  subcommands: [generate, load, spark, dataflow, heatwave, assets, stock],
});

/** Parses `bulk-load` arguments (without node and the script); `help` for --help; throws UsageError. */
export function parseCli(argv: readonly string[]): CliCommand {
  const parsed = parseCommand(BULK_LOAD_COMMAND, argv);
  return parsed.kind === 'help' ? { kind: 'help' } : parsed.value;
}
