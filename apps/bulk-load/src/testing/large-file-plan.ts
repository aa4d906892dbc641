// The planted damage of the large-file check (#20): which lines of a generated raw CSV are bad, how, and what the
// fast loader must report for them.
import { createSeededRandom, deriveSeed } from '@lakehouse/domain';

/** What is done to a planted bad line; each one makes the loader reject the line. */
export type PlantedDamage = 'extra-column' | 'missing-column' | 'out-of-range';

const DAMAGES: readonly PlantedDamage[] = ['extra-column', 'missing-column', 'out-of-range'];

/** Index of `rotational_speed_rpm` in the raw layout, and a value above its range (0-10,000 rpm). */
const RPM_FIELD = 7;
const RPM_OUT_OF_RANGE = '20000';

/** The plan of one file: a bad line every `badEvery` file lines (header = line 1), damage chosen by `seed`. */
export interface LargeFilePlan {
  readonly badEvery: number;
  readonly seed: number;
}

/** Checks a plan: a bad line at most every other line, so the header and some good lines always remain. */
export function checkLargeFilePlan(plan: LargeFilePlan): LargeFilePlan {
  if (!Number.isInteger(plan.badEvery) || plan.badEvery < 2) {
    throw new Error(`badEvery must be an integer of at least 2, got ${String(plan.badEvery)}`);
  }
  if (!Number.isInteger(plan.seed)) throw new Error(`seed must be an integer, got ${String(plan.seed)}`);
  return plan;
}

/** The damage planted on file line `line` (1-based, header = 1), or undefined when the line stays good. */
export function plantedDamage(plan: LargeFilePlan, line: number): PlantedDamage | undefined {
  if (line < 2 || line % plan.badEvery !== 0) return undefined;
  // One draw per bad line, from a generator seeded by plan and line: the same line always gets the same damage.
  const random = createSeededRandom(deriveSeed(plan.seed, line));
  return DAMAGES[Math.floor(random.next() * DAMAGES.length)] ?? 'out-of-range';
}

/** `csvLine` (a canonical raw CSV line, with its newline) with `damage` applied; keeps the newline. */
export function damageLine(csvLine: string, damage: PlantedDamage): string {
  if (!csvLine.endsWith('\n')) throw new Error('a raw CSV line ends with its newline');
  const fields = csvLine.slice(0, -1).split(',');
  if (fields.length <= RPM_FIELD) throw new Error(`not a raw CSV line: ${csvLine}`);
  switch (damage) {
    case 'extra-column':
      return `${[...fields, '7'].join(',')}\n`;
    case 'missing-column':
      return `${fields.filter((_, i) => i !== RPM_FIELD + 1).join(',')}\n`;
    case 'out-of-range':
      return `${fields.map((f, i) => (i === RPM_FIELD ? RPM_OUT_OF_RANGE : f)).join(',')}\n`;
  }
}

/** The truncated last line of the file: `csvLine` cut after its third field, without a newline (rejected). */
export function truncatedLine(csvLine: string): string {
  const fields = csvLine.split(',');
  if (fields.length < 4) throw new Error(`not a raw CSV line: ${csvLine}`);
  return fields.slice(0, 3).join(',');
}

/** What a generated file must load as, counted while it is written. */
export interface LargeFileExpectation {
  /** Data lines that must be loaded, per asset id. */
  readonly goodRowsByAsset: ReadonlyMap<string, number>;
  readonly goodRows: number;
  /** File lines (1-based, header = 1) that must be rejected, ascending; the truncated last line included. */
  readonly badLines: readonly number[];
}

/** Collects the expectation of a file while its lines are written. */
export class ExpectationBuilder {
  private readonly byAsset = new Map<string, number>();
  private readonly bad: number[] = [];
  private good = 0;

  addGood(assetId: string): void {
    this.byAsset.set(assetId, (this.byAsset.get(assetId) ?? 0) + 1);
    this.good += 1;
  }

  addBad(line: number): void {
    const last = this.bad.at(-1);
    if (last !== undefined && line <= last)
      throw new Error(`bad lines must ascend: ${String(line)} after ${String(last)}`);
    this.bad.push(line);
  }

  build(): LargeFileExpectation {
    return { goodRowsByAsset: new Map(this.byAsset), goodRows: this.good, badLines: [...this.bad] };
  }
}

/** One line of a reject file, as far as the check reads it. */
export interface RejectEntry {
  readonly line: number;
  readonly reasons: readonly { readonly reason: string }[];
}

/** How the stored rows and the reported rejects compare with the expectation. */
export interface LargeFileVerdict {
  /** Good rows not stored, summed over assets. */
  readonly missing: number;
  /** Rows stored beyond the expectation (per asset) plus reject lines reported more than once. */
  readonly duplicates: number;
  readonly rejectsReported: number;
  /** Planted bad lines with no reject entry. */
  readonly unreportedBadLines: readonly number[];
  /** Reject entries for lines that were not planted bad. */
  readonly unexpectedRejectLines: readonly number[];
  /** Reject entries without a reason. */
  readonly rejectsWithoutReason: readonly number[];
  readonly isOk: boolean;
}

/** Compares what the database holds (rows per asset) and the reject file with the expectation. */
export function judgeLargeFile(
  expected: LargeFileExpectation,
  storedRowsByAsset: ReadonlyMap<string, number>,
  rejects: readonly RejectEntry[],
): LargeFileVerdict {
  let missing = 0;
  let extra = 0;
  for (const [asset, want] of expected.goodRowsByAsset) {
    const got = storedRowsByAsset.get(asset) ?? 0;
    if (got < want) missing += want - got;
    if (got > want) extra += got - want;
  }
  for (const [asset, got] of storedRowsByAsset) {
    if (!expected.goodRowsByAsset.has(asset)) extra += got;
  }
  const planted = new Set(expected.badLines);
  const seen = new Set<number>();
  let repeatedRejects = 0;
  const unexpectedRejectLines: number[] = [];
  const rejectsWithoutReason: number[] = [];
  for (const r of rejects) {
    if (seen.has(r.line)) repeatedRejects += 1;
    seen.add(r.line);
    if (!planted.has(r.line)) unexpectedRejectLines.push(r.line);
    if (r.reasons.length === 0 || r.reasons.some((x) => x.reason === '')) rejectsWithoutReason.push(r.line);
  }
  const unreportedBadLines = expected.badLines.filter((l) => !seen.has(l));
  const duplicates = extra + repeatedRejects;
  return {
    missing,
    duplicates,
    rejectsReported: rejects.length,
    unreportedBadLines,
    unexpectedRejectLines,
    rejectsWithoutReason,
    isOk:
      missing === 0 &&
      duplicates === 0 &&
      unreportedBadLines.length === 0 &&
      unexpectedRejectLines.length === 0 &&
      rejectsWithoutReason.length === 0 &&
      rejects.length === expected.badLines.length,
  };
}

/** Where to kill the first load: a seeded fraction (20-80 %) of the good rows. */
export function killAfterRows(goodRows: number, seed: number): number {
  const random = createSeededRandom(deriveSeed(seed, -1));
  return Math.max(1, Math.floor(goodRows * (0.2 + 0.6 * random.next())));
}
