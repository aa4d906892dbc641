import { ConfigError } from '@lakehouse/runtime';
import { parseArgs } from 'node:util';
import type { HistorySpec } from './raw/write-history-parts.js';

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
      readonly fleet: {
        readonly assets: number;
        readonly sites: number;
        readonly linesPerSite: number;
        readonly seed: number;
      };
      /** Instant the register describes, epoch ms; undefined = now. */
      readonly asOfMs?: number;
    }
  | { readonly kind: 'help' };

/** Usage text of `bulk-load`. */
export const USAGE = `usage:
  bulk-load generate --out DIR [--rows N] [--assets N] [--sites N] [--lines N] [--seed N] [--interval-s N]
                     [--end ISO-8601] [--parts N]
  bulk-load load <file.csv|file.jsonl|file.parquet>... [--out DIR] [--concurrency N] [--chunk-rows N] [--fresh]
  bulk-load spark generate [--out job.sql]
  bulk-load spark run --raw DIR --rejects DIR --silver DIR [--run-id ID]
  bulk-load spark run --parameters FILE.json
  bulk-load spark provider
  bulk-load dataflow package [--out DIR]
  bulk-load dataflow run --raw DIR [--name NAME]
  bulk-load heatwave load [--dryrun]
  bulk-load heatwave dryrun
  bulk-load assets import --file register.csv [--out DIR]
  bulk-load assets generate --out register.csv [--assets N] [--sites N] [--lines N] [--seed N] [--as-of ISO-8601]`;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new ConfigError(
      'CONFIG_INVALID',
      `--${name} must be a positive integer, got ${JSON.stringify(value)}`,
    );
  return Number(value);
}

function isoInstant(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `--${name} must be an ISO-8601 instant such as 2026-01-31T00:00:00Z, got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value === '')
    throw new ConfigError('CONFIG_INVALID', `--${name} is required\n${USAGE}`);
  return value;
}

/** Parses `bulk-load` arguments (without node and the script); throws CONFIG_INVALID with the usage. */
export function parseCli(argv: readonly string[]): CliCommand {
  const [first, second] = argv;
  const rest = (n: number): string[] => argv.slice(n);
  try {
    if (first === undefined || first === 'help' || argv.includes('--help') || argv.includes('-h'))
      return { kind: 'help' };
    if (first === 'load') {
      const { values, positionals } = parseArgs({
        args: rest(1),
        allowPositionals: true,
        options: {
          out: { type: 'string' },
          concurrency: { type: 'string' },
          'chunk-rows': { type: 'string' },
          fresh: { type: 'boolean', default: false },
        },
      });
      if (positionals.length === 0)
        throw new ConfigError('CONFIG_INVALID', `load needs input files\n${USAGE}`);
      const concurrency = positiveInt('concurrency', values.concurrency);
      const chunkRows = positiveInt('chunk-rows', values['chunk-rows']);
      return {
        kind: 'load',
        files: positionals,
        ...(values.out === undefined ? {} : { outDir: values.out }),
        ...(concurrency === undefined ? {} : { concurrency }),
        ...(chunkRows === undefined ? {} : { chunkRows }),
        isFresh: values.fresh,
      };
    }
    if (first === 'generate') {
      const { values } = parseArgs({
        args: rest(1),
        options: {
          out: { type: 'string' },
          rows: { type: 'string' },
          assets: { type: 'string' },
          sites: { type: 'string' },
          lines: { type: 'string' },
          seed: { type: 'string' },
          'interval-s': { type: 'string' },
          end: { type: 'string' },
          parts: { type: 'string' },
        },
      });
      const endMs = values.end === undefined ? undefined : Date.parse(values.end);
      if (endMs !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(values.end ?? '') || Number.isNaN(endMs))) {
        throw new ConfigError(
          'CONFIG_INVALID',
          `--end must be an ISO-8601 instant such as 2026-01-31T00:00:00Z, got ${JSON.stringify(values.end)}`,
        );
      }
      return {
        kind: 'generate',
        outDir: required('out', values.out),
        history: {
          rows: positiveInt('rows', values.rows) ?? 1_000_000,
          assets: positiveInt('assets', values.assets) ?? 100,
          sites: positiveInt('sites', values.sites) ?? 3,
          linesPerSite: positiveInt('lines', values.lines) ?? 4,
          seed: positiveInt('seed', values.seed) ?? 42,
          intervalMs: (positiveInt('interval-s', values['interval-s']) ?? 60) * 1_000,
          ...(endMs === undefined ? {} : { endMs }),
        },
        parts: positiveInt('parts', values.parts) ?? 4,
      };
    }
    if (first === 'spark' && second === 'generate') {
      const { values } = parseArgs({ args: rest(2), options: { out: { type: 'string' } } });
      return { kind: 'spark-generate', ...(values.out === undefined ? {} : { outFile: values.out }) };
    }
    if (first === 'spark' && second === 'run') {
      const { values } = parseArgs({
        args: rest(2),
        options: {
          raw: { type: 'string' },
          rejects: { type: 'string' },
          silver: { type: 'string' },
          'run-id': { type: 'string' },
          parameters: { type: 'string' },
        },
      });
      if (values.parameters !== undefined) {
        if (values.raw !== undefined || values.rejects !== undefined || values.silver !== undefined) {
          throw new ConfigError(
            'CONFIG_INVALID',
            `spark run takes --parameters or --raw/--rejects/--silver, not both\n${USAGE}`,
          );
        }
        return { kind: 'spark-run-parameters', parametersFile: required('parameters', values.parameters) };
      }
      return {
        kind: 'spark-run',
        rawPath: required('raw', values.raw),
        rejectsPath: required('rejects', values.rejects),
        silverPath: required('silver', values.silver),
        ...(values['run-id'] === undefined ? {} : { runId: values['run-id'] }),
      };
    }
    if (first === 'spark' && second === 'provider') {
      parseArgs({ args: rest(2), options: {} });
      return { kind: 'spark-provider' };
    }
    if (first === 'dataflow' && second === 'package') {
      const { values } = parseArgs({ args: rest(2), options: { out: { type: 'string' } } });
      return { kind: 'dataflow-package', ...(values.out === undefined ? {} : { outDir: values.out }) };
    }
    if (first === 'dataflow' && second === 'run') {
      const { values } = parseArgs({
        args: rest(2),
        options: { raw: { type: 'string' }, name: { type: 'string' } },
      });
      return {
        kind: 'dataflow-run',
        rawDir: required('raw', values.raw),
        ...(values.name === undefined ? {} : { displayName: values.name }),
      };
    }
    if (first === 'assets' && second === 'import') {
      const { values } = parseArgs({
        args: rest(2),
        options: { file: { type: 'string' }, out: { type: 'string' } },
      });
      return {
        kind: 'assets-import',
        file: required('file', values.file),
        ...(values.out === undefined ? {} : { outDir: values.out }),
      };
    }
    if (first === 'assets' && second === 'generate') {
      const { values } = parseArgs({
        args: rest(2),
        options: {
          out: { type: 'string' },
          assets: { type: 'string' },
          sites: { type: 'string' },
          lines: { type: 'string' },
          seed: { type: 'string' },
          'as-of': { type: 'string' },
        },
      });
      const asOfMs = isoInstant('as-of', values['as-of']);
      return {
        kind: 'assets-generate',
        outFile: required('out', values.out),
        // The same defaults as `generate`, so both describe the same fleet unless told otherwise.
        fleet: {
          assets: positiveInt('assets', values.assets) ?? 100,
          sites: positiveInt('sites', values.sites) ?? 3,
          linesPerSite: positiveInt('lines', values.lines) ?? 4,
          seed: positiveInt('seed', values.seed) ?? 42,
        },
        ...(asOfMs === undefined ? {} : { asOfMs }),
      };
    }
    if (first === 'heatwave' && (second === 'load' || second === 'dryrun')) {
      const { values } = parseArgs({
        args: rest(2),
        options: { dryrun: { type: 'boolean', default: false } },
      });
      return { kind: 'heatwave-load', isDryRun: second === 'dryrun' || values.dryrun };
    }
  } catch (err: unknown) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError('CONFIG_INVALID', `${err instanceof Error ? err.message : String(err)}\n${USAGE}`, {
      cause: err,
    });
  }
  throw new ConfigError('CONFIG_INVALID', `unknown command: ${argv.join(' ')}\n${USAGE}`);
}
