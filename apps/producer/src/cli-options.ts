import { ConfigError } from '@lakehouse/runtime';
import { parseArgs } from 'node:util';

/** What the producer publishes and how fast. */
export interface ProducerOptions {
  readonly mode: 'simulate' | 'replay';
  /** simulate: fleet layout and seed. */
  readonly assets: number;
  readonly sites: number;
  readonly lines: number;
  readonly seed: number;
  /** Readings per second; 0 publishes as fast as the stream accepts. */
  readonly rate: number;
  /** Stop after this many readings (or records of a replayed file). */
  readonly count?: number;
  /** Stop after this many seconds. */
  readonly durationSec?: number;
  /** replay: a CSV in the AI4I layout or a JSON-lines file of readings. */
  readonly file?: string;
  /** Most readings of one asset packed into one stream message (a JSON array); 1 sends one reading per message. */
  readonly perMessage: number;
  /** Local stack only: create the stream with this many partitions if it does not exist. */
  readonly partitions: number;
  /** Rewrite this file with the running totals (JSON) every second and at the end: for status screens. */
  readonly statusFile?: string;
}

export const PRODUCER_USAGE = `Usage: producer [options]
  Simulate a fleet (default) or replay a file, publishing readings to the stream keyed by asset id.
  --assets N         machines in the simulated fleet (default 100)
  --sites N          sites (default 3)
  --lines N          lines per site (default 2)
  --seed N           seed of the simulation (default 42)
  --rate N           readings per second, 0 = as fast as possible (default 1000)
  --count N          stop after N readings
  --duration SEC     stop after SEC seconds
  --replay FILE      publish the records of FILE (.csv in the AI4I layout, .jsonl one reading per line)
  --per-message N    readings of one asset packed into one message (default 100; 1 = one per message)
  --partitions N     local stack: partitions of a stream created on first use (default 6)
  --status-file F    rewrite F with the running totals as JSON every second (for status screens)
  --help             this text`;

function positiveInt(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  problems: string[],
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    problems.push(`--${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
    return fallback;
  }
  return value;
}

/** Parses the command line; throws CONFIG_INVALID naming every bad flag. `null` means --help. */
export function parseProducerOptions(argv: readonly string[]): ProducerOptions | null {
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
        seed: { type: 'string' },
        rate: { type: 'string' },
        count: { type: 'string' },
        duration: { type: 'string' },
        replay: { type: 'string' },
        'per-message': { type: 'string' },
        partitions: { type: 'string' },
        'status-file': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', `${(error as Error).message}\n${PRODUCER_USAGE}`);
  }
  if (values.help === true) return null;
  const problems: string[] = [];
  const options: ProducerOptions = {
    mode: values.replay === undefined ? 'simulate' : 'replay',
    assets: positiveInt('assets', values.assets, 100, 1, problems),
    sites: positiveInt('sites', values.sites, 3, 1, problems),
    lines: positiveInt('lines', values.lines, 2, 1, problems),
    seed: positiveInt('seed', values.seed, 42, 0, problems),
    rate: positiveInt('rate', values.rate, 1_000, 0, problems),
    ...(values.count === undefined ? {} : { count: positiveInt('count', values.count, 1, 1, problems) }),
    ...(values.duration === undefined
      ? {}
      : { durationSec: positiveInt('duration', values.duration, 1, 1, problems) }),
    ...(values.replay === undefined ? {} : { file: values.replay }),
    perMessage: positiveInt('per-message', values['per-message'], 100, 1, problems),
    partitions: positiveInt('partitions', values.partitions, 6, 1, problems),
    ...(values['status-file'] === undefined ? {} : { statusFile: values['status-file'] }),
  };
  if (options.mode === 'simulate' && options.rate === 0 && options.count === undefined) {
    problems.push('--rate 0 (as fast as possible) needs --count: a simulated fleet never ends');
  }
  if (options.file !== undefined && !/\.(csv|jsonl|ndjson)$/i.test(options.file)) {
    problems.push(`--replay takes a .csv (AI4I layout) or .jsonl file, got ${JSON.stringify(options.file)}`);
  }
  if (problems.length > 0) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `invalid options:\n  ${problems.join('\n  ')}\n${PRODUCER_USAGE}`,
      {
        context: { problems },
      },
    );
  }
  return options;
}
