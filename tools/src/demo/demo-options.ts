import { READINGS_TOPIC } from '@lakehouse/domain';
import { parseArgs } from 'node:util';

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

export const DEMO_USAGE = `usage: npm run demo -- [options]
  Brings up the local stack, bulk-loads a labelled fleet history, trains the failure model, then streams live
  readings through the ingest function into MySQL while the API and dashboard serve them. Ctrl-C stops it.
  --assets N        machines in the fleet (default 100)
  --sites N         sites (default 3)
  --lines N         lines per site (default 4)
  --rows N          readings of labelled history to bulk-load (default 1000000)
  --train-rows N    train the model on about the newest N readings of the history (default 150000)
  --seed N          seed of the fleet and its history (default 42)
  --rate N          live readings per second (default 1000)
  --duration S      stream for S seconds, wait until every reading is stored, then stop (default: until Ctrl-C)
  --loader L        spark (the Data Flow Spark job, default) or fast (the fast loader)
  --skip LIST       leave out steps, comma separated: ${DEMO_STEPS.join(', ')}
  --fresh           generate, load and train again even when an earlier run left a matching history
                    (a new history replaces the one loaded before; streamed readings stay)
  --retrain         train a new model even when one is active
  --port N          port of the API and dashboard (default 8080; 0 = any free port)
  --database NAME   use this schema of the local MariaDB (default: the stack's own)
  --stream NAME     stream of the live readings (default ${READINGS_TOPIC}, the apps' own default)
  --state-dir DIR   folder for the demo's buckets, logs and status files (default .local/demo)
  --help            this text`;

/** A bad command line: the message names every bad flag. */
export class DemoUsageError extends Error {
  override readonly name = 'DemoUsageError';
}

function integer(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    problems.push(
      `--${name} must be an integer in ${String(min)}..${String(max)}, got ${JSON.stringify(raw)}`,
    );
    return fallback;
  }
  return value;
}

/** Parses the demo's flags (without node and the script); `null` means --help. Throws DemoUsageError. */
export function parseDemoOptions(argv: readonly string[]): DemoOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        assets: { type: 'string' },
        sites: { type: 'string' },
        lines: { type: 'string' },
        rows: { type: 'string' },
        'train-rows': { type: 'string' },
        seed: { type: 'string' },
        rate: { type: 'string' },
        duration: { type: 'string' },
        loader: { type: 'string' },
        skip: { type: 'string', multiple: true },
        fresh: { type: 'boolean', default: false },
        retrain: { type: 'boolean', default: false },
        port: { type: 'string' },
        database: { type: 'string' },
        stream: { type: 'string' },
        'state-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err: unknown) {
    throw new DemoUsageError(`${err instanceof Error ? err.message : String(err)}\n${DEMO_USAGE}`);
  }
  if (values.help) return null;
  const problems: string[] = [];
  const skip = new Set<DemoStep>();
  for (const item of (values.skip ?? []).flatMap((s) => s.split(','))) {
    const step = item.trim();
    if ((DEMO_STEPS as readonly string[]).includes(step)) skip.add(step as DemoStep);
    else problems.push(`--skip takes ${DEMO_STEPS.join(', ')}; got ${JSON.stringify(step)}`);
  }
  const loader = values.loader ?? 'spark';
  if (loader !== 'spark' && loader !== 'fast') {
    problems.push(`--loader must be spark or fast, got ${JSON.stringify(loader)}`);
  }
  const assets = integer('assets', values.assets, 100, 1, 100_000, problems);
  const rows = integer('rows', values.rows, 1_000_000, 1, 100_000_000, problems);
  if (rows < assets) problems.push(`--rows (${String(rows)}) must be at least --assets (${String(assets)})`);
  const name = /^[A-Za-z0-9_]{1,64}$/;
  if (values.database !== undefined && !name.test(values.database)) {
    problems.push(`--database must be 1-64 letters, digits or _, got ${JSON.stringify(values.database)}`);
  }
  const stream = values.stream ?? READINGS_TOPIC;
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(stream)) {
    problems.push(`--stream must be 1-249 letters, digits, '.', '_' or '-', got ${JSON.stringify(stream)}`);
  }
  const options: DemoOptions = {
    assets,
    sites: integer('sites', values.sites, 3, 1, 1_000, problems),
    linesPerSite: integer('lines', values.lines, 4, 1, 1_000, problems),
    rows,
    trainRows: integer('train-rows', values['train-rows'], 150_000, 100, 100_000_000, problems),
    seed: integer('seed', values.seed, 42, 0, Number.MAX_SAFE_INTEGER, problems),
    rate: integer('rate', values.rate, 1_000, 1, 1_000_000, problems),
    ...(values.duration === undefined
      ? {}
      : { durationSec: integer('duration', values.duration, 60, 1, 31 * 86_400, problems) }),
    loader: loader === 'fast' ? 'fast' : 'spark',
    skip,
    isFresh: values.fresh,
    isRetrain: values.retrain,
    port: integer('port', values.port, 8080, 0, 65_535, problems),
    ...(values.database === undefined ? {} : { database: values.database }),
    stream,
    ...(values['state-dir'] === undefined ? {} : { stateDir: values['state-dir'] }),
  };
  if (problems.length > 0) throw new DemoUsageError(`${problems.join('\n')}\n${DEMO_USAGE}`);
  return options;
}
