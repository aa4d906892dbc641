import { WINDOW_FEATURE_COUNT, WINDOW_FEATURE_NAMES } from '@lakehouse/domain';
import { CompiledEnsemble, type TreeEnsembleJson } from './tree-ensemble.js';

/**
 * One horizon's ensemble. `given: null` scores P(failure within `minutes`); `given: H` scores P(failure within
 * `minutes` | failure within H), so the risk is that times the risk at H (ADR 0050).
 */
export interface HorizonEnsembleJson {
  readonly minutes: number;
  readonly given: number | null;
  readonly ensemble: TreeEnsembleJson;
}

/** The horizon part of a model artifact: window features in, risks per horizon out. */
export interface HorizonPartJson {
  /** libs/domain WINDOW_FEATURE_NAMES at training time; another list is refused. */
  readonly features: readonly string[];
  /** The horizon whose risk alert episodes and `horizon_risks.risk` use. */
  readonly alertMinutes: number;
  /** Ascending by minutes; the longest has `given: null`, every other one is given the longest. */
  readonly horizons: readonly HorizonEnsembleJson[];
}

/** A horizon risk and the time it implies. */
export interface HorizonScore {
  /** Probability of a failure within the alert horizon. */
  readonly risk: number;
  /** Expected minutes of operation to the next failure; null above a week (no estimate worth showing). */
  readonly expectedMinutesToFailure: number | null;
}

/** The compiled horizon part. */
export interface HorizonScorer {
  readonly alertMinutes: number;
  readonly horizonsMinutes: readonly number[];
  /** Risks per horizon (ascending minutes) of the window features at `offset`, written into `out`. */
  risks(features: Float64Array, offset: number, out: Float64Array): void;
  /** The alert horizon's risk and the expected minutes to failure. Allocates the result object only. */
  score(features: Float64Array, offset: number): HorizonScore;
}

/** Estimates above this many minutes (a week) are reported as null. */
export const MAX_EXPECTED_MINUTES = 10_080;

/**
 * Mean time to failure of a piecewise-constant hazard through the risks at the horizons: the survival at horizon k
 * is 1 − risk_k (made non-increasing), the hazard between two horizons is constant, and the last hazard carries on
 * beyond the longest horizon. Null when the estimate exceeds {@link MAX_EXPECTED_MINUTES} or no failure is implied.
 */
export function expectedMinutesToFailure(
  horizonsMinutes: readonly number[],
  risks: ArrayLike<number>,
): number | null {
  let survivalBefore = 1;
  let start = 0;
  let total = 0;
  let hazard = 0;
  for (let k = 0; k < horizonsMinutes.length; k += 1) {
    const end = horizonsMinutes[k] as number;
    const width = end - start;
    const survival = Math.min(survivalBefore, Math.max(1e-12, 1 - (risks[k] as number)));
    hazard = survival >= survivalBefore ? 0 : -Math.log(survival / survivalBefore) / width;
    total += hazard === 0 ? survivalBefore * width : (survivalBefore - survival) / hazard;
    survivalBefore = survival;
    start = end;
  }
  if (hazard === 0) return null;
  total += survivalBefore / hazard;
  return Number.isFinite(total) && total <= MAX_EXPECTED_MINUTES ? total : null;
}

/** Problems with a horizon part, in words; empty when it can be compiled. */
export function horizonPartProblems(part: HorizonPartJson): string[] {
  const problems: string[] = [];
  const names = part.features;
  if (
    !Array.isArray(names) ||
    names.length !== WINDOW_FEATURE_COUNT ||
    names.some((n, i) => n !== WINDOW_FEATURE_NAMES[i])
  ) {
    problems.push('its window feature list is not the one this scorer computes');
  }
  const listed: unknown = part.horizons;
  const horizons: readonly HorizonEnsembleJson[] = Array.isArray(listed)
    ? (listed as unknown[]).filter((h): h is HorizonEnsembleJson => typeof h === 'object' && h !== null)
    : [];
  if (!Array.isArray(listed) || horizons.length !== listed.length) {
    problems.push('its horizons are not a list of objects');
  }
  if (horizons.length === 0) problems.push('it has no horizons');
  const longest = horizons[horizons.length - 1];
  horizons.forEach((h, i) => {
    if (!Number.isInteger(h.minutes) || h.minutes < 1 || h.minutes > 10_080) {
      problems.push(`horizon ${String(i)}: minutes must be whole minutes in 1..10080`);
    }
    if (i > 0 && h.minutes <= (horizons[i - 1] as HorizonEnsembleJson).minutes) {
      problems.push('horizons must be ascending');
    }
    const expectedGiven = h === longest ? null : (longest?.minutes ?? null);
    if (h.given !== expectedGiven) {
      problems.push(`horizon ${String(h.minutes)}: given must be ${String(expectedGiven)}`);
    }
  });
  if (!horizons.some((h) => h.minutes === part.alertMinutes)) {
    problems.push(`alert horizon ${String(part.alertMinutes)} is not one of the horizons`);
  }
  return problems;
}

/** Compiles a checked horizon part (see {@link horizonPartProblems}); a malformed tree throws. */
export function compileHorizonPart(part: HorizonPartJson): HorizonScorer {
  const ensembles = part.horizons.map((h) => new CompiledEnsemble(h.ensemble, WINDOW_FEATURE_COUNT));
  const horizonsMinutes = part.horizons.map((h) => h.minutes);
  const last = ensembles.length - 1;
  const alertIndex = horizonsMinutes.indexOf(part.alertMinutes);
  const buffer = new Float64Array(ensembles.length);
  const risks = (features: Float64Array, offset: number, out: Float64Array): void => {
    const base = (ensembles[last] as CompiledEnsemble).probability(features, offset);
    for (let k = 0; k < last; k += 1) {
      out[k] = base * (ensembles[k] as CompiledEnsemble).probability(features, offset);
    }
    out[last] = base;
  };
  return Object.freeze({
    alertMinutes: part.alertMinutes,
    horizonsMinutes,
    risks,
    score(features: Float64Array, offset: number): HorizonScore {
      risks(features, offset, buffer);
      return {
        risk: buffer[alertIndex] as number,
        expectedMinutesToFailure: expectedMinutesToFailure(horizonsMinutes, buffer),
      };
    },
  });
}
