import { AI4I_THRESHOLDS } from './derive-features.js';
import { evaluateFailureRules } from './evaluate-failure-rules.js';
import type { AssetType, LabelledReading } from './reading.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

/**
 * Parameters of the synthetic machining process, following the AI4I 2020 generation process (Matzka 2020, UCI
 * dataset description). Where the description gives no formula, the value is calibrated against the published
 * summary statistics; datasets/README.md explains each choice.
 */
export const AI4I_PROCESS = Object.freeze({
  /**
   * Ambient air temperature. AI4I normalises a random walk to sd 2 K around 300 K after the fact; an endless stream
   * cannot, so this is a mean-reverting walk (AR(1)) whose stationary sd is 2 K and whose correlation time is
   * `correlationSteps` readings of the same asset.
   */
  airTemperature: Object.freeze({ meanK: 300, sdK: 2, correlationSteps: 150 }),
  /**
   * Process temperature = air + `offsetK` + `airCoupling` × (air − 300 K) + a mean-reverting walk with stationary sd
   * `sdK`. The description adds an independent walk of sd 1 K, which would give the process temperature an sd of
   * 2.24 K; the published data have 1.48 K with process − air still at sd 1 K, i.e. the gap narrows when the air is
   * warm (which is when heat dissipation fails). Coupling −0.35 with sd 0.714 K reproduces both.
   */
  processTemperature: Object.freeze({ offsetK: 10, airCoupling: -0.35, sdK: 0.714, correlationSteps: 50 }),
  /** Torque ~ N(mean, sd), redrawn until positive ("no negative values"). */
  torque: Object.freeze({ meanNm: 40, sdNm: 10 }),
  /**
   * Rotational speed from a constant-power characteristic plus normal noise:
   * `baseRpm + constantPowerRpmNm / max(torque, torqueFloorNm) + N(0, noiseSdRpm)`. 20 400 rpm·Nm is 2.14 kW; the
   * floor caps speed near 2 900 rpm at very low torque, as the published data do.
   */
  rotationalSpeed: Object.freeze({
    baseRpm: 990,
    constantPowerRpmNm: 20_400,
    torqueFloorNm: 10.7,
    noiseSdRpm: 50,
  }),
  /** Tool wear added per process step by variant (AI4I: H/M/L add 5/3/2 min). Unit: min. */
  toolWearIncrementMin: Object.freeze({ L: 2, M: 3, H: 5 } satisfies Record<AssetType, number>),
  /**
   * The tool is replaced when its wear reaches a threshold drawn uniformly from this window. The description says
   * 200–240 min ({@link AI4I_THRESHOLDS}.toolWearWindowMin), but with 200–240 the process yields ~129 OSF per 10 000
   * steps and a mean wear of 111 min. 200–230 reproduces the published file: 98 OSF, mean wear 108 min (sd 63.6) and
   * ~120 replacements per 10 000 steps, matching the description's count of 120. Unit: min.
   */
  toolReplacementWindowMin: Object.freeze({ min: 200, max: 230 }),
  /**
   * Probability that the tool fails (TWF) rather than being replaced quietly when it reaches its threshold. The
   * published file labels 46 TWF for its ~120 replacements: 46 / 119 ≈ 0.39.
   */
  toolFailureProbability: 0.39,
});

/** Identity of the asset a process runs on. */
export interface ProcessAsset {
  readonly assetId: string;
  readonly assetType: AssetType;
  readonly siteId?: string;
  readonly lineId?: string;
}

/** One asset's running process: each call of `next` is one process step, i.e. one labelled reading. */
export interface Ai4iProcess {
  /** Produces the reading of the next process step, stamped `recordedAt` (epoch ms UTC). */
  next(recordedAt: number): LabelledReading;
}

/** Readings are quantised to AI4I's resolution: temperatures and torque to 0.1, speed and wear to whole numbers. */
const roundTo1Decimal = (value: number): number => Math.round(value * 10) / 10;

/** Coefficients of an AR(1) walk with the given stationary sd and correlation time (in steps). */
function arWalk(
  sd: number,
  correlationSteps: number,
): { readonly phi: number; readonly innovationSd: number } {
  const phi = 1 - 1 / correlationSteps;
  return { phi, innovationSd: sd * Math.sqrt(1 - phi * phi) };
}

function drawThreshold(random: SeededRandom): number {
  const { min, max } = AI4I_PROCESS.toolReplacementWindowMin;
  return min + (max - min) * random.next();
}

/**
 * Starts the AI4I-style process of one asset from its own seed. The tool starts part-worn (uniform below the
 * lowest replacement threshold) so that a fleet's tools do not all wear out in the same step.
 */
export function createAi4iProcess(asset: ProcessAsset, seed: number): Ai4iProcess {
  const random = createSeededRandom(seed);
  const { airTemperature, processTemperature, torque, rotationalSpeed } = AI4I_PROCESS;
  const air = arWalk(airTemperature.sdK, airTemperature.correlationSteps);
  const process = arWalk(processTemperature.sdK, processTemperature.correlationSteps);
  const wearIncrement = AI4I_PROCESS.toolWearIncrementMin[asset.assetType];
  // Start both walks in their stationary distribution, so there is no warm-up drift.
  let airDeviationK = airTemperature.sdK * random.nextNormal();
  let processDeviationK = processTemperature.sdK * random.nextNormal();
  let toolWearMin = random.nextInt(AI4I_PROCESS.toolReplacementWindowMin.min);
  let replacementAtMin = drawThreshold(random);
  const identity = {
    assetId: asset.assetId,
    assetType: asset.assetType,
    ...(asset.siteId === undefined ? {} : { siteId: asset.siteId }),
    ...(asset.lineId === undefined ? {} : { lineId: asset.lineId }),
  };

  return {
    next(recordedAt: number): LabelledReading {
      let torqueNm: number;
      do {
        torqueNm = roundTo1Decimal(torque.meanNm + torque.sdNm * random.nextNormal());
      } while (torqueNm <= 0);
      const rotationalSpeedRpm = Math.round(
        rotationalSpeed.baseRpm +
          rotationalSpeed.constantPowerRpmNm / Math.max(torqueNm, rotationalSpeed.torqueFloorNm) +
          rotationalSpeed.noiseSdRpm * random.nextNormal(),
      );
      const airTemperatureK = roundTo1Decimal(airTemperature.meanK + airDeviationK);
      const processTemperatureK = roundTo1Decimal(
        airTemperature.meanK +
          airDeviationK +
          processTemperature.offsetK +
          processTemperature.airCoupling * airDeviationK +
          processDeviationK,
      );
      const measures = {
        airTemperatureK,
        processTemperatureK,
        rotationalSpeedRpm,
        torqueNm,
        toolWearMin,
      };
      // Rules run on the quantised values, so labels agree with what any consumer recomputes from the reading.
      const rules = evaluateFailureRules({ assetType: asset.assetType, ...measures });
      const isToolEnd = toolWearMin >= replacementAtMin;
      const TWF = isToolEnd && random.next() < AI4I_PROCESS.toolFailureProbability;
      const RNF = random.next() < AI4I_THRESHOLDS.randomFailureProbability;
      const labels = {
        machineFailure: TWF || rules.HDF || rules.PWF || rules.OSF || RNF,
        TWF,
        HDF: rules.HDF,
        PWF: rules.PWF,
        OSF: rules.OSF,
        RNF,
      };

      // Advance the state for the next step: wear is added by the step just done, as in AI4I.
      if (isToolEnd) {
        toolWearMin = 0;
        replacementAtMin = drawThreshold(random);
      } else {
        toolWearMin += wearIncrement;
      }
      airDeviationK = air.phi * airDeviationK + air.innovationSd * random.nextNormal();
      processDeviationK = process.phi * processDeviationK + process.innovationSd * random.nextNormal();

      return { recordedAt, ...identity, ...measures, labels };
    },
  };
}
