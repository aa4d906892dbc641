// Chaos run of the local ingestion path (issue #20): pushes a known set of readings through producer -> Kafka ->
// connector runner -> ingest-fn -> MariaDB on a private stack while a seeded schedule kills, pauses and locks its
// parts, then compares the database with the known set. Progress goes to stderr; the last line on stdout is one
// JSON object: per fault kind and in total, sent / stored / lost / duplicated / wrongly dead-lettered, recovery
// seconds and whether the lag returned to 0. Exit 1 when anything was lost, duplicated or did not recover.
import { defineCommand, parseOrExit, UsageError } from '@lakehouse/cli';
import { Type } from '@sinclair/typebox';
import { parseFaultKinds, FAULT_KINDS } from '../src/testing/chaos/fault-schedule.js';
import { runChaos } from '../src/testing/chaos/run-chaos.js';

const options = parseOrExit(
  defineCommand({
    name: 'chaos',
    invocation: 'npx nx run ingest-fn:chaos --',
    summary:
      'Runs the pipeline through a seeded schedule of kills, pauses and locks, and accounts every reading.',
    flags: {
      readings: Type.Integer({ minimum: 100, default: 1_000_000, description: 'readings of the known set' }),
      seed: Type.Integer({
        minimum: 0,
        default: 1,
        description: 'seed of the known set and of the schedule',
      }),
      faults: Type.String({
        default: 'all',
        placeholder: 'KINDS',
        description: `comma separated fault kinds or "all": ${FAULT_KINDS.join(', ')}`,
      }),
      rounds: Type.Integer({ minimum: 1, default: 1, description: 'injections of each kind' }),
      rate: Type.Integer({
        minimum: 1,
        default: 20_000,
        description: 'readings per second the producer publishes',
      }),
      'per-message': Type.Integer({
        minimum: 1,
        default: 100,
        description: 'readings of one asset per message',
      }),
      'function-timeout-sec': Type.Integer({
        minimum: 1,
        maximum: 300,
        default: 5,
        description: "the runner's invocation timeout; pauses and locks last 1.2-2 times as long",
      }),
      json: Type.Boolean({ default: false, description: 'print only the final JSON line (no progress)' }),
    },
    build: ({ flags }) => {
      try {
        return { ...flags, kinds: parseFaultKinds(flags.faults) };
      } catch (error: unknown) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
    },
  }),
  process.argv.slice(2),
);

const say = options.json
  ? (): void => undefined
  : (line: string): void => void process.stderr.write(`${line}\n`);
const result = await runChaos(
  {
    readings: options.readings,
    seed: options.seed,
    kinds: options.kinds,
    rounds: options.rounds,
    readingsPerSec: options.rate,
    perMessage: options['per-message'],
    functionTimeoutSec: options['function-timeout-sec'],
    isBundled: true,
  },
  say,
);
say(
  `chaos: ${result.ok ? 'OK' : 'FAILED'}: ${String(result.totals.sent)} sent, ${String(result.totals.stored)} stored, ${String(result.totals.lost)} lost, ${String(result.totals.duplicated)} duplicated, ${String(result.totals.wronglyDeadLettered)} wrongly dead-lettered, ${String(result.resentMessages)} messages sent again (producer restarts, client retries), ${String(result.elapsedSeconds)} s`,
);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exitCode = result.ok ? 0 : 1;
