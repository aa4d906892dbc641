import { evaluateFailureRules } from './evaluate-failure-rules.js';
import type { AssetType, FailureLabels, LabelledReading } from './reading.js';
import type { ProcessAsset } from './ai4i-process.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

/** One reading is one minute of machine time in the fleet in time (ADR 0050). */
export const MACHINE_MINUTES_PER_READING = 1;

/**
 * Parameters of the fleet in time (issue #18): machines that run jobs, wear and change tools, drift in temperature,
 * fail by the AI4I rules and are repaired. Every duration is in machine minutes (= readings). datasets/README.md
 * explains the calibration and gives the measured failure rates.
 */
export const FLEET_IN_TIME = Object.freeze({
  /** Ambient air: 300 K, a daily cycle and a slow mean-reverting walk (AI4I: sd 2 K in total). */
  air: Object.freeze({ meanK: 300, dailyAmplitudeK: 1.2, sdK: 1.5, correlationMinutes: 600 }),
  /**
   * Process temperature = air + `offsetK` + `airCoupling` × (air deviation) + a fast walk − the cooling loss. The
   * AI4I coupling (the gap narrows when the air is warm) is kept.
   */
  process: Object.freeze({ offsetK: 11, airCoupling: -0.35, sdK: 0.4, correlationMinutes: 30 }),
  /**
   * Jobs: the torque set point is drawn per job (AI4I's N(40, 10), limited to what a planner would set: inside the
   * power window at the job's speed) and drifts within the job; speed follows AI4I's constant-power characteristic.
   */
  job: Object.freeze({
    meanMinutes: 60,
    minMinutes: 10,
    torqueMeanNm: 38,
    torqueSdNm: 8,
    torqueMinNm: 22,
    torqueMaxNm: 52,
    torqueWalkSdNm: 1.2,
    torqueWalkCorrelationMinutes: 20,
    speedJobSdRpm: 80,
    speedNoiseSdRpm: 8,
  }),
  /** AI4I's speed characteristic: `baseRpm + constantPowerRpmNm / max(torque, torqueFloorNm)`. */
  speed: Object.freeze({ baseRpm: 990, constantPowerRpmNm: 20_400, torqueFloorNm: 10.7 }),
  /**
   * Tools: wear (AI4I's "tool wear", minutes of use weighted by variant) grows per machine minute by variant in AI4I's
   * 2:3:5 ratio of L/M/H; each tool has a life drawn from AI4I's 200–240 min window and is changed at a planned wear
   * drawn per tool, except that now and then a change is missed (`missedChangeProbability`) and the tool runs to its
   * end. Over the last `dullWindowMin` of its life a dull tool needs more cutting force: torque × (1 + `dullTorqueGain`
   * × dullness), dullness rising linearly from 0 to 1. That rise is what makes its failure (TWF, or OSF and PWF that
   * the extra torque brings on first) observable before it happens.
   */
  tool: Object.freeze({
    wearPerMinute: Object.freeze({ L: 0.5, M: 0.75, H: 1.25 } satisfies Record<AssetType, number>),
    lifeMin: Object.freeze({ min: 200, max: 240 }),
    plannedChangeAtMin: Object.freeze({ min: 130, max: 160 }),
    missedChangeProbability: 0.02,
    plannedChangeStopMinutes: 3,
    dullWindowMin: 40,
    dullTorqueGain: 0.25,
  }),
  /** Cooling faults: onset rate per machine minute; the process-to-air gap then closes at a rate drawn per fault. */
  cooling: Object.freeze({
    faultsPerMinute: 1 / (10 * 1_440),
    lossRateKPerHour: Object.freeze({ min: 0.4, max: 1.2 }),
    maxLossK: 6,
  }),
  /** Sudden power faults (a jam): torque jumps for a minute; unpredictable by design. Rate per machine minute. */
  jam: Object.freeze({ perMinute: 1 / (60 * 1_440), torqueGainNm: 30 }),
  /** Random failures (AI4I RNF) per machine minute: no cause, no warning. */
  randomFailuresPerMinute: 1 / (60 * 1_440),
  /** Machine minutes without readings after a failure, per its first mode. */
  repairMinutes: Object.freeze({ TWF: 30, HDF: 120, PWF: 90, OSF: 60, RNF: 60 }),
});

/**
 * Least share of machine minutes that have a reading (the rest are repairs and tool changes), for callers that must
 * fit a number of readings into a time span: measured 0.974 over 100 machines × 30 days (datasets/README.md).
 */
export const FLEET_IN_TIME_MIN_AVAILABILITY = 0.95;

/** One asset's process in time: each call is one machine minute; `null` while the machine is stopped. */
export interface FleetInTimeProcess {
  next(recordedAt: number): LabelledReading | null;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

function arWalk(sd: number, correlation: number): { readonly phi: number; readonly innovationSd: number } {
  const phi = 1 - 1 / correlation;
  return { phi, innovationSd: sd * Math.sqrt(1 - phi * phi) };
}

function uniform(random: SeededRandom, range: { readonly min: number; readonly max: number }): number {
  return range.min + (range.max - range.min) * random.next();
}

/** Torque that keeps the job's power inside the AI4I window at the characteristic's speed (a planner's choice). */
function drawJobTorque(random: SeededRandom): number {
  const { job } = FLEET_IN_TIME;
  const drawn = job.torqueMeanNm + job.torqueSdNm * random.nextNormal();
  return Math.min(job.torqueMaxNm, Math.max(job.torqueMinNm, drawn));
}

const NO_FAILURE: FailureLabels = Object.freeze({
  machineFailure: false,
  TWF: false,
  HDF: false,
  PWF: false,
  OSF: false,
  RNF: false,
});

/**
 * Starts the fleet-in-time process of one asset from its own seed. Starts mid-life: a part-worn tool, a job in
 * progress, temperatures in their stationary distribution, so a fleet does not move in lockstep.
 */
export function createFleetInTimeProcess(asset: ProcessAsset, seed: number): FleetInTimeProcess {
  const random = createSeededRandom(seed);
  const { air, process, job, speed, tool, cooling, jam, repairMinutes } = FLEET_IN_TIME;
  const airWalk = arWalk(air.sdK, air.correlationMinutes);
  const processWalk = arWalk(process.sdK, process.correlationMinutes);
  const torqueWalk = arWalk(job.torqueWalkSdNm, job.torqueWalkCorrelationMinutes);
  const wearPerMinute = tool.wearPerMinute[asset.assetType];
  const identity = {
    assetId: asset.assetId,
    assetType: asset.assetType,
    ...(asset.siteId === undefined ? {} : { siteId: asset.siteId }),
    ...(asset.lineId === undefined ? {} : { lineId: asset.lineId }),
  };

  let minute = random.nextInt(1_440);
  let airDeviationK = air.sdK * random.nextNormal();
  let processDeviationK = process.sdK * random.nextNormal();
  let toolLifeMin = uniform(random, tool.lifeMin);
  let plannedChangeMin = uniform(random, tool.plannedChangeAtMin);
  let toolWearMin = random.next() * plannedChangeMin;
  let jobTorqueNm = drawJobTorque(random);
  let jobSpeedOffsetRpm = job.speedJobSdRpm * random.nextNormal();
  let jobMinutesLeft = job.minMinutes + random.nextInt(job.meanMinutes);
  let torqueDeviationNm = 0;
  let coolingLossK = 0;
  let coolingLossRateKPerMin = 0;
  let stoppedMinutes = 0;

  const drawPlannedChange = (): number =>
    random.next() < tool.missedChangeProbability
      ? Number.POSITIVE_INFINITY
      : uniform(random, tool.plannedChangeAtMin);
  const newTool = (): void => {
    toolWearMin = 0;
    toolLifeMin = uniform(random, tool.lifeMin);
    plannedChangeMin = drawPlannedChange();
  };
  const newJob = (): void => {
    jobTorqueNm = drawJobTorque(random);
    jobSpeedOffsetRpm = job.speedJobSdRpm * random.nextNormal();
    // Exponential duration with a floor: most jobs are short, a few run for hours.
    jobMinutesLeft =
      job.minMinutes + Math.round(-Math.log(1 - random.next()) * (job.meanMinutes - job.minMinutes));
    torqueDeviationNm = 0;
  };

  /** Advances the slow state by one machine minute, whether the machine runs or stands. */
  const advanceEnvironment = (): void => {
    minute += 1;
    airDeviationK = airWalk.phi * airDeviationK + airWalk.innovationSd * random.nextNormal();
    processDeviationK = processWalk.phi * processDeviationK + processWalk.innovationSd * random.nextNormal();
    if (coolingLossRateKPerMin === 0 && random.next() < cooling.faultsPerMinute) {
      coolingLossRateKPerMin = uniform(random, cooling.lossRateKPerHour) / 60;
    }
    coolingLossK = Math.min(cooling.maxLossK, coolingLossK + coolingLossRateKPerMin);
  };

  return {
    next(recordedAt: number): LabelledReading | null {
      advanceEnvironment();
      if (stoppedMinutes > 0) {
        stoppedMinutes -= 1;
        return null;
      }
      if (jobMinutesLeft <= 0) newJob();
      jobMinutesLeft -= 1;
      torqueDeviationNm = torqueWalk.phi * torqueDeviationNm + torqueWalk.innovationSd * random.nextNormal();
      const dullness = Math.min(1, Math.max(0, 1 - (toolLifeMin - toolWearMin) / tool.dullWindowMin));
      const isJam = random.next() < jam.perMinute;
      const rawTorque =
        (jobTorqueNm + torqueDeviationNm) * (1 + tool.dullTorqueGain * dullness) +
        (isJam ? jam.torqueGainNm : 0);
      const torqueNm = Math.max(0.1, round1(rawTorque));
      const rotationalSpeedRpm = Math.round(
        speed.baseRpm +
          speed.constantPowerRpmNm / Math.max(jobTorqueNm, speed.torqueFloorNm) +
          jobSpeedOffsetRpm +
          job.speedNoiseSdRpm * random.nextNormal(),
      );
      const dailyK = air.dailyAmplitudeK * Math.sin((2 * Math.PI * minute) / 1_440);
      const airTemperatureK = round1(air.meanK + dailyK + airDeviationK);
      const processTemperatureK = round1(
        air.meanK +
          dailyK +
          airDeviationK +
          process.offsetK +
          process.airCoupling * airDeviationK +
          processDeviationK -
          coolingLossK,
      );
      const measures = {
        airTemperatureK,
        processTemperatureK,
        rotationalSpeedRpm,
        torqueNm,
        toolWearMin: Math.floor(toolWearMin),
      };
      const rules = evaluateFailureRules({ assetType: asset.assetType, ...measures });
      const TWF = toolWearMin >= toolLifeMin;
      const RNF = random.next() < FLEET_IN_TIME.randomFailuresPerMinute;
      const machineFailure = TWF || rules.HDF || rules.PWF || rules.OSF || RNF;
      const labels: FailureLabels = machineFailure
        ? { machineFailure, TWF, HDF: rules.HDF, PWF: rules.PWF, OSF: rules.OSF, RNF }
        : NO_FAILURE;
      const reading: LabelledReading = { recordedAt, ...identity, ...measures, labels };

      if (machineFailure) {
        // The repair takes the longest repair of the modes that occurred; the cause is reset: a new tool always
        // (a failure damages the cutting edge), the cooling fixed after a heat dissipation failure.
        const modes = (['TWF', 'HDF', 'PWF', 'OSF', 'RNF'] as const).filter((mode) => labels[mode]);
        stoppedMinutes = Math.max(...modes.map((mode) => repairMinutes[mode]));
        newTool();
        if (rules.HDF) {
          coolingLossK = 0;
          coolingLossRateKPerMin = 0;
        }
        newJob();
      } else {
        toolWearMin += wearPerMinute;
        if (toolWearMin >= plannedChangeMin && toolWearMin < toolLifeMin) {
          newTool();
          stoppedMinutes = tool.plannedChangeStopMinutes;
        }
      }
      return reading;
    },
  };
}
