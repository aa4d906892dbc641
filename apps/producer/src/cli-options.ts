import { defineCommand, parseCommand, UsageError } from '@lakehouse/cli';
import type { FleetMode } from '@lakehouse/domain';
import { Type } from '@sinclair/typebox';

/** What the producer publishes and how fast. */
export interface ProducerOptions {
  readonly mode: 'simulate' | 'replay';
  /** simulate: fleet layout and seed. */
  readonly assets: number;
  readonly sites: number;
  readonly lines: number;
  readonly seed: number;
  /** simulate: how the machines are simulated (libs/domain FleetMode). */
  readonly fleet: FleetMode;
  /**
   * simulate: run the fleet through this many readings before publishing, so the live stream continues a history
   * generated with the same fleet flags (`bulk-load generate --rows N`) instead of repeating it.
   */
  readonly continueAfter?: number;
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

const integer = (minimum: number, description: string, fallback?: number) =>
  fallback === undefined
    ? Type.Optional(Type.Integer({ minimum, description }))
    : Type.Integer({ minimum, default: fallback, description });

/** The producer's command line: flags only. */
export const PRODUCER_COMMAND = defineCommand({
  name: 'producer',
  summary:
    'Simulate a fleet (default) or replay a file, publishing readings to the stream keyed by asset id.',
  flags: {
    assets: integer(1, 'machines in the simulated fleet', 100),
    sites: integer(1, 'sites', 3),
    lines: integer(1, 'lines per site', 2),
    seed: integer(0, 'seed of the simulation', 42),
    fleet: Type.Union([Type.Literal('in-time'), Type.Literal('ai4i')], {
      default: 'in-time',
      placeholder: 'MODE',
      description:
        'in-time: machines that run jobs, wear, fail and are repaired, one reading per machine minute;\nai4i: independent AI4I process steps',
    }),
    'continue-after': integer(
      1,
      'simulate: run the fleet through N readings first, to continue a history of N readings of the same fleet',
    ),
    rate: integer(0, 'readings per second, 0 = as fast as possible', 1_000),
    count: integer(1, 'stop after N readings'),
    duration: Type.Optional(
      Type.Integer({ minimum: 1, placeholder: 'SEC', description: 'stop after SEC seconds' }),
    ),
    replay: Type.Optional(
      Type.String({
        // A schema pattern takes no regex flags: the extensions are spelled in both cases.
        pattern: '\\.(csv|jsonl|ndjson|CSV|JSONL|NDJSON)$',
        expected: 'a .csv (AI4I layout) or .jsonl file',
        placeholder: 'FILE',
        description: 'publish the records of FILE (.csv in the AI4I layout, .jsonl one reading per line)',
      }),
    ),
    'per-message': integer(1, 'readings of one asset packed into one message (1 = one per message)', 100),
    partitions: integer(1, 'local stack: partitions of a stream created on first use', 6),
    'status-file': Type.Optional(
      Type.String({
        minLength: 1,
        placeholder: 'F',
        description: 'rewrite F with the running totals as JSON every second (for status screens)',
      }),
    ),
  },
  build: ({ flags }): ProducerOptions => {
    const options: ProducerOptions = {
      mode: flags.replay === undefined ? 'simulate' : 'replay',
      assets: flags.assets,
      sites: flags.sites,
      lines: flags.lines,
      seed: flags.seed,
      fleet: flags.fleet,
      ...(flags['continue-after'] === undefined ? {} : { continueAfter: flags['continue-after'] }),
      rate: flags.rate,
      ...(flags.count === undefined ? {} : { count: flags.count }),
      ...(flags.duration === undefined ? {} : { durationSec: flags.duration }),
      ...(flags.replay === undefined ? {} : { file: flags.replay }),
      perMessage: flags['per-message'],
      partitions: flags.partitions,
      ...(flags['status-file'] === undefined ? {} : { statusFile: flags['status-file'] }),
    };
    if (options.mode === 'simulate' && options.rate === 0 && options.count === undefined)
      throw new UsageError('--rate 0 (as fast as possible) needs --count: a simulated fleet never ends');
    return options;
  },
});

/** Parses the command line; throws one UsageError naming every bad flag. `null` means --help. */
export function parseProducerOptions(argv: readonly string[]): ProducerOptions | null {
  const parsed = parseCommand(PRODUCER_COMMAND, argv);
  return parsed.kind === 'help' ? null : parsed.value;
}
