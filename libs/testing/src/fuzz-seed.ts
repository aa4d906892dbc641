import { randomInt } from 'node:crypto';

/** The seed and run count of a property-based fuzz test, and how to replay it. */
export interface FuzzRun {
  readonly seed: number;
  readonly numRuns: number;
  /** `FUZZ_SEED=<seed>`: prefix of the command that replays this run. */
  readonly replay: string;
}

/**
 * Seed of a fuzz test: `FUZZ_SEED` when set (a replay), a random one when `CI` is set (each build explores new
 * inputs), else `fixedSeed` (a local `npm test` is repeatable). `FUZZ_RUNS` scales the count for a longer local hunt.
 */
export function fuzzRun(
  env: Readonly<Record<string, string | undefined>>,
  fixedSeed: number,
  numRuns: number,
): FuzzRun {
  const given = env['FUZZ_SEED'];
  let seed = fixedSeed;
  if (given !== undefined && given !== '') {
    seed = Number(given);
    if (!Number.isSafeInteger(seed))
      throw new RangeError(`FUZZ_SEED must be an integer, got ${JSON.stringify(given)}`);
  } else if (env['CI'] !== undefined && env['CI'] !== '' && env['CI'] !== 'false') {
    seed = randomInt(2 ** 31 - 1);
  }
  const runs = env['FUZZ_RUNS'];
  const count = runs === undefined || runs === '' ? numRuns : Number(runs);
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError(`FUZZ_RUNS must be a positive integer, got ${JSON.stringify(runs)}`);
  return { seed, numRuns: count, replay: `FUZZ_SEED=${seed}` };
}
