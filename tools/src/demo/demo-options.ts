import { defineCommand, formatHelp, parseCommand, UsageError } from '@lakehouse/cli';
import { READINGS_TOPIC } from '@lakehouse/domain';
import { Type } from '@sinclair/typebox';

/** Steps of the demo that `--skip` can leave out. */
export const DEMO_STEPS = ['stack', 'build', 'history', 'train', 'score', 'stream', 'api'] as const;
export type DemoStep = (typeof DEMO_STEPS)[number];

/** What `npm run demo -- …` asked for. */
export interface DemoOptions {
  readonly assets: number;
  readonly sites: number;
  readonly linesPerSite: number;
  /** Readings of labelled history to generate and bulk-load. */
  readonly rows: number;
  /** The model is trained on about the newest this many labelled readings. */
  readonly trainRows: number;
  readonly seed: number;
  /** Live readings per second from the simulated fleet. */
  readonly rate: number;
  /** Seconds of live streaming before the demo stops by itself; undefined = until Ctrl-C. */
  readonly durationSec?: number;
  /** Bulk-load path of the history: the Data Flow Spark job, or the fast loader. */
  readonly loader: 'spark' | 'fast';
  readonly skip: ReadonlySet<DemoStep>;
  /** Generate and load the history again, and train again, even when an earlier run left them. */
  readonly isFresh: boolean;
  /** Train a new model even when one is active. */
  readonly isRetrain: boolean;
  /** Port of the API and dashboard; 0 picks a free one. */
  readonly port: number;
  /** Schema of the local MariaDB to use instead of the stack's own (keeps a scripted run apart). */
  readonly database?: string;
  /** Stream (topic) of the live readings. */
  readonly stream: string;
  /** Folder of the demo's files: raw and silver buckets, logs, status files, what a later run reuses. */
  readonly stateDir?: string;
}

const integer = (
  minimum: number,
  maximum: number,
  fallback: number,
  description: string,
  placeholder = 'N',
) => Type.Integer({ minimum, maximum, default: fallback, description, placeholder });

/** The demo's command line: flags only. */
export const DEMO_COMMAND = defineCommand({
  name: 'demo',
  invocation: 'npm run demo --',
  summary:
    'Brings up the local stack, bulk-loads a labelled fleet history, trains the failure model, then streams live\n' +
    'readings through the ingest function into MySQL while the API and dashboard serve them. Ctrl-C stops it.',
  flags: {
    assets: integer(1, 100_000, 100, 'machines in the fleet'),
    sites: integer(1, 1_000, 3, 'sites'),
    lines: integer(1, 1_000, 4, 'lines per site'),
    rows: integer(1, 100_000_000, 1_000_000, 'readings of labelled history to bulk-load'),
    'train-rows': integer(
      100,
      100_000_000,
      150_000,
      'train the model on about the newest N readings of the history',
    ),
    seed: integer(0, Number.MAX_SAFE_INTEGER, 42, 'seed of the fleet and its history'),
    rate: integer(1, 1_000_000, 1_000, 'live readings per second'),
    duration: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 31 * 86_400,
        placeholder: 'S',
        description:
          'stream for S seconds, wait until every reading is stored, then stop (default: until Ctrl-C)',
      }),
    ),
    loader: Type.Union([Type.Literal('spark'), Type.Literal('fast')], {
      default: 'spark',
      placeholder: 'L',
      description: 'spark (the Data Flow Spark job) or fast (the fast loader)',
    }),
    // Comma separated and repeatable; each item is checked in `build`, so its message lists the steps.
    skip: Type.Optional(
      Type.Array(Type.String(), {
        placeholder: 'LIST',
        description: `leave out steps, comma separated: ${DEMO_STEPS.join(', ')}`,
      }),
    ),
    fresh: Type.Boolean({
      default: false,
      description:
        'generate, load and train again even when an earlier run left a matching history\n(a new history replaces the one loaded before; streamed readings stay)',
    }),
    retrain: Type.Boolean({ default: false, description: 'train a new model even when one is active' }),
    port: integer(0, 65_535, 8080, 'port of the API and dashboard (0 = any free port)'),
    database: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9_]{1,64}$',
        expected: '1-64 letters, digits or _',
        placeholder: 'NAME',
        description: "use this schema of the local MariaDB (default: the stack's own)",
      }),
    ),
    stream: Type.String({
      pattern: '^[A-Za-z0-9._-]{1,249}$',
      expected: "1-249 letters, digits, '.', '_' or '-'",
      default: READINGS_TOPIC,
      placeholder: 'NAME',
      description: "stream of the live readings (the apps' own default)",
    }),
    'state-dir': Type.Optional(
      Type.String({
        minLength: 1,
        placeholder: 'DIR',
        description: "folder for the demo's buckets, logs and status files (default .local/demo)",
      }),
    ),
  },
  build: ({ flags }): DemoOptions => {
    const problems: string[] = [];
    const skip = new Set<DemoStep>();
    for (const item of (flags.skip ?? []).flatMap((s) => s.split(','))) {
      const step = item.trim();
      if ((DEMO_STEPS as readonly string[]).includes(step)) skip.add(step as DemoStep);
      else problems.push(`--skip takes ${DEMO_STEPS.join(', ')}; got ${JSON.stringify(step)}`);
    }
    if (flags.rows < flags.assets)
      problems.push(`--rows (${String(flags.rows)}) must be at least --assets (${String(flags.assets)})`);
    if (problems.length > 0) throw new UsageError(problems);
    return {
      assets: flags.assets,
      sites: flags.sites,
      linesPerSite: flags.lines,
      rows: flags.rows,
      trainRows: flags['train-rows'],
      seed: flags.seed,
      rate: flags.rate,
      ...(flags.duration === undefined ? {} : { durationSec: flags.duration }),
      loader: flags.loader,
      skip,
      isFresh: flags.fresh,
      isRetrain: flags.retrain,
      port: flags.port,
      ...(flags.database === undefined ? {} : { database: flags.database }),
      stream: flags.stream,
      ...(flags['state-dir'] === undefined ? {} : { stateDir: flags['state-dir'] }),
    };
  },
});

/** The generated --help. */
export const DEMO_USAGE = formatHelp(DEMO_COMMAND, DEMO_COMMAND, []);

/** Parses the demo's flags (without node and the script); `null` means --help. Throws UsageError. */
export function parseDemoOptions(argv: readonly string[]): DemoOptions | null {
  const parsed = parseCommand(DEMO_COMMAND, argv);
  return parsed.kind === 'help' ? null : parsed.value;
}
