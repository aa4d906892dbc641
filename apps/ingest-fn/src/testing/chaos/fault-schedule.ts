// The seeded fault schedule of a chaos run: which fault, in which phase, how far into it, and for how long.
import { createSeededRandom, deriveSeed } from '@lakehouse/domain';

/** Every kind of fault a chaos run can inject. */
export const FAULT_KINDS = [
  'producer-kill',
  'runner-kill',
  'function-kill',
  'broker-kill',
  'database-kill',
  'function-pause',
  'database-lock',
] as const;

/** One kind of fault. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One planned fault; a chaos run gives each fault a phase (a slice of the known readings) of its own. */
export interface PlannedFault {
  readonly kind: FaultKind;
  /** Position of its phase, 0-based. */
  readonly phase: number;
  /** When to inject it: this fraction of the phase's expected publishing time after the phase's first send. */
  readonly atFraction: number;
  /**
   * Kills: how long the process stays down before it is started again. Pause and lock: how long the function
   * instance stays stopped or the table stays locked; always longer than the function timeout.
   */
  readonly holdMs: number;
  /** Picks the function instance a function fault hits: index = floor(pick * instances). In [0, 1). */
  readonly pick: number;
}

/** Settings of {@link planFaults}. */
export interface FaultScheduleOptions {
  readonly seed: number;
  /** Kinds to inject; each appears `rounds` times. */
  readonly kinds: readonly FaultKind[];
  /** @default 1 */
  readonly rounds?: number;
  /** The runner's invocation timeout: pauses and locks last 1.2 to 2 times this long. */
  readonly functionTimeoutMs: number;
}

const SCHEDULE_STREAM = 9_011;

/** Parses a comma separated list of fault kinds (`all` = every kind); throws naming every unknown one. */
export function parseFaultKinds(text: string): FaultKind[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 1 && names[0] === 'all') return [...FAULT_KINDS];
  const unknown = names.filter((n) => !(FAULT_KINDS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new RangeError(
      `unknown fault kinds: ${unknown.length > 0 ? unknown.join(', ') : '(none given)'}; expected "all" or a comma separated list of ${FAULT_KINDS.join(', ')}`,
    );
  }
  return [...new Set(names as FaultKind[])];
}

/**
 * The schedule for a seed: every kind `rounds` times, in a seeded order, each in its own phase, injected at a
 * seeded point between 20 % and 60 % of the phase's publishing (so the producer is still running when it is the
 * one killed) and held for a seeded time. The same options always give the same schedule.
 */
export function planFaults(options: FaultScheduleOptions): PlannedFault[] {
  const rounds = options.rounds ?? 1;
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new RangeError(`rounds must be >= 1, got ${String(rounds)}`);
  if (options.kinds.length === 0) throw new RangeError('a chaos run needs at least one fault kind');
  if (!Number.isInteger(options.functionTimeoutMs) || options.functionTimeoutMs < 1) {
    throw new RangeError(
      `functionTimeoutMs must be a positive integer, got ${String(options.functionTimeoutMs)}`,
    );
  }
  const random = createSeededRandom(deriveSeed(options.seed, SCHEDULE_STREAM));
  const order: FaultKind[] = [];
  for (let r = 0; r < rounds; r += 1) order.push(...options.kinds);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = random.nextInt(i + 1);
    [order[i], order[j]] = [order[j] as FaultKind, order[i] as FaultKind];
  }
  return order.map((kind, phase) => {
    const atFraction = 0.2 + 0.4 * random.next();
    const outage = kind === 'function-pause' || kind === 'database-lock';
    const holdMs = outage
      ? Math.round(options.functionTimeoutMs * (1.2 + 0.8 * random.next()))
      : kind === 'function-kill'
        ? 0
        : Math.round(500 + 2_500 * random.next());
    return { kind, phase, atFraction, holdMs, pick: random.next() };
  });
}
