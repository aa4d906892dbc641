// Compares what a chaos run stored and dead-lettered with the known set, per fault kind and in total.
import type { FaultKind } from './fault-schedule.js';
import { expectedInstants, lineOfReading, type KnownSet } from './known-readings.js';

/** What happened in one phase of a run (one injected fault). */
export interface PhaseOutcome {
  readonly kind: FaultKind;
  /** Lines [fromLine, toLine) of the known set are this phase's messages. */
  readonly fromLine: number;
  readonly toLine: number;
  /** Lines [fromLine, fromLine + sentLines) were acknowledged by the broker. */
  readonly sentLines: number;
  /** From the injection until the pipeline stored again after the fault was healed; null: it never did. */
  readonly recoverySeconds: number | null;
  /** From the injection until the consumer group's lag was 0 with the phase published; null: never. */
  readonly catchUpSeconds: number | null;
  readonly lagReturnedToZero: boolean;
}

/** What the database holds after the run. */
export interface StoredState {
  /** Stored instants (epoch ms) per asset id, any order. */
  readonly instantsByAsset: ReadonlyMap<string, readonly number[]>;
  /** One entry per record found in the dead letters (a letter of a whole message gives one per reading). */
  readonly deadLetteredRecords: readonly { readonly assetId: string; readonly recordedAtMs: number }[];
}

/** Figures of one fault kind (or of the whole run). */
export interface ChaosFigures {
  readonly injected: number;
  /** Readings acknowledged by the broker. */
  readonly sent: number;
  readonly stored: number;
  /** Sent, neither stored nor dead-lettered. */
  readonly lost: number;
  /** Known readings stored and dead-lettered, or dead-lettered more than once; in the totals also unexpected rows. */
  readonly duplicated: number;
  /** Known (valid) readings that reached the dead letters. */
  readonly wronglyDeadLettered: number;
  /** Longest recovery of this kind's injections; null when one did not recover. */
  readonly recoverySeconds: number | null;
  /** Longest time from an injection of this kind until the lag was 0 with its phase published; null: one never. */
  readonly catchUpSeconds: number | null;
  readonly lagReturnedToZero: boolean;
}

/** The result of a chaos run. */
export interface ChaosReport {
  readonly perKind: Partial<Record<FaultKind, ChaosFigures>>;
  readonly totals: ChaosFigures & {
    readonly known: number;
    /** Stored rows that are not in the known set. */
    readonly unexpectedRows: number;
    /** Dead-lettered records that are not in the known set. */
    readonly unexpectedDeadLetters: number;
  };
  /** 0 lost, 0 duplicated, 0 wrongly dead-lettered, every known reading sent, every fault recovered. */
  readonly ok: boolean;
}

interface Tally {
  injected: number;
  sent: number;
  stored: number;
  lost: number;
  duplicated: number;
  wronglyDeadLettered: number;
  recoverySeconds: number | null;
  catchUpSeconds: number | null;
  lagReturnedToZero: boolean;
}

const emptyTally = (): Tally => ({
  injected: 0,
  sent: 0,
  stored: 0,
  lost: 0,
  duplicated: 0,
  wronglyDeadLettered: 0,
  recoverySeconds: 0,
  catchUpSeconds: 0,
  lagReturnedToZero: true,
});

/**
 * Accounts a run: every known reading is looked up by its key (asset, instant) in what was stored and in the dead
 * letters, and counted against the phase whose message carried it. The phases must cover the set's lines in order.
 */
export function accountChaosRun(
  known: KnownSet,
  phases: readonly PhaseOutcome[],
  state: StoredState,
): ChaosReport {
  const phaseOfLine = new Int32Array(known.lines).fill(-1);
  for (const [p, phase] of phases.entries()) phaseOfLine.fill(p, phase.fromLine, phase.toLine);
  if (phaseOfLine.includes(-1)) throw new RangeError('the phases do not cover every line of the known set');
  const assetIndexById = new Map(known.assetIds.map((id, i) => [id, i]));

  // Dead letters per known reading, keyed by line and instant.
  const lettersByKey = new Map<string, number>();
  let unexpectedDeadLetters = 0;
  for (const record of state.deadLetteredRecords) {
    const line = lineOfReading(known, assetIndexById, record.assetId, record.recordedAtMs);
    if (line === undefined) unexpectedDeadLetters += 1;
    else {
      const key = `${record.assetId}\u0000${String(record.recordedAtMs)}`;
      lettersByKey.set(key, (lettersByKey.get(key) ?? 0) + 1);
    }
  }

  const tallies = phases.map(() => emptyTally());
  let unexpectedRows = 0;
  for (const [id, instants] of state.instantsByAsset) {
    const index = assetIndexById.get(id);
    if (index === undefined) {
      unexpectedRows += instants.length;
      continue;
    }
    const expected = new Set(expectedInstants(known, index));
    // The key is the table's primary key, so an instant appears once; one outside the set is unexpected.
    for (const t of instants) if (!expected.has(t)) unexpectedRows += 1;
  }
  for (const [index, id] of known.assetIds.entries()) {
    const stored = new Set(state.instantsByAsset.get(id) ?? []);
    for (const [round, t] of expectedInstants(known, index).entries()) {
      const line = Math.floor(round / known.perMessage) * known.assets + index;
      const p = phaseOfLine[line] ?? -1;
      const phase = phases[p];
      const tally = tallies[p];
      if (phase === undefined || tally === undefined)
        throw new RangeError(`line ${String(line)} has no phase`);
      const isSent = line < phase.fromLine + phase.sentLines;
      const isStored = stored.has(t);
      const letters = lettersByKey.get(`${id}\u0000${String(t)}`) ?? 0;
      if (isSent) tally.sent += 1;
      if (isStored) tally.stored += 1;
      if (letters > 0) tally.wronglyDeadLettered += 1;
      if ((isStored && letters > 0) || letters > 1) tally.duplicated += 1;
      if (isSent && !isStored && letters === 0) tally.lost += 1;
    }
  }
  const perKind: Partial<Record<FaultKind, Tally>> = {};
  const total = emptyTally();
  for (const [p, phase] of phases.entries()) {
    const t = tallies[p] ?? emptyTally();
    t.injected = 1;
    t.recoverySeconds = phase.recoverySeconds;
    t.catchUpSeconds = phase.catchUpSeconds;
    t.lagReturnedToZero = phase.lagReturnedToZero;
    const kind = (perKind[phase.kind] ??= { ...emptyTally(), injected: 0 });
    for (const into of [kind, total]) merge(into, t);
  }
  const totals = {
    ...total,
    duplicated: total.duplicated + unexpectedRows,
    known: known.readings,
    unexpectedRows,
    unexpectedDeadLetters,
  };
  return {
    perKind,
    totals,
    ok:
      totals.sent === known.readings &&
      totals.lost === 0 &&
      totals.duplicated === 0 &&
      totals.wronglyDeadLettered === 0 &&
      unexpectedDeadLetters === 0 &&
      totals.recoverySeconds !== null &&
      totals.lagReturnedToZero,
  };
}

function merge(into: Tally, from: Tally): void {
  into.injected += from.injected;
  into.sent += from.sent;
  into.stored += from.stored;
  into.lost += from.lost;
  into.duplicated += from.duplicated;
  into.wronglyDeadLettered += from.wronglyDeadLettered;
  into.recoverySeconds = longest(into.recoverySeconds, from.recoverySeconds);
  into.catchUpSeconds = longest(into.catchUpSeconds, from.catchUpSeconds);
  into.lagReturnedToZero &&= from.lagReturnedToZero;
}

/** The longer of two durations; null (never) wins. */
function longest(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.max(a, b);
}
