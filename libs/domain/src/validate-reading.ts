import { checkAssetType, checkId, checkLabels, checkMeasure } from './check-reading-fields.js';
import { checkRecordedAt, type ValidateReadingOptions } from './check-recorded-at.js';
import { MEASURES, type Reading } from './reading.js';
import {
  describe,
  field,
  isPlainObject,
  pointer,
  problem,
  type Problems,
  type ReadingProblem,
} from './reading-problem.js';

/** Result of {@link validateReading}: the normalised reading, or every problem found. */
export type ReadingValidationResult =
  | { readonly ok: true; readonly reading: Reading }
  | { readonly ok: false; readonly problems: readonly ReadingProblem[] };

/** Result of {@link validateReadings}: valid readings in input order, and rejects with their index in the batch. */
export interface ReadingBatchValidation {
  readonly readings: Reading[];
  readonly rejected: { readonly index: number; readonly problems: readonly ReadingProblem[] }[];
}

const TOP_LEVEL_FIELDS: ReadonlySet<string> = new Set([
  'recordedAt',
  'assetId',
  'assetType',
  'siteId',
  'lineId',
  ...MEASURES,
  'labels',
]);

/**
 * Validates one candidate reading (e.g. a parsed Kafka message) and normalises `recordedAt` to epoch ms. Never stops
 * at the first problem: the result lists every problem found, so a dead-letter record explains itself in full.
 */
export function validateReading(input: unknown, options: ValidateReadingOptions): ReadingValidationResult {
  if (!Number.isFinite(options.nowMs))
    throw new RangeError(`nowMs must be finite, got ${String(options.nowMs)}`);
  if (!isPlainObject(input)) {
    return {
      ok: false,
      problems: [
        {
          path: '',
          reason: 'not_an_object',
          message: `a reading must be a JSON object, got ${describe(input)}`,
        },
      ],
    };
  }
  const problems: Problems = [];
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_FIELDS.has(key))
      problem(problems, pointer(key), 'unknown_field', `${key} is not a reading field`);
  }
  const recordedAt = checkRecordedAt(field(input, 'recordedAt'), options, problems);
  const assetId = checkId(input, 'assetId', true, problems);
  const assetType = checkAssetType(field(input, 'assetType'), problems);
  const siteId = checkId(input, 'siteId', false, problems);
  const lineId = checkId(input, 'lineId', false, problems);
  const airTemperatureK = checkMeasure(field(input, 'airTemperatureK'), 'airTemperatureK', problems);
  const processTemperatureK = checkMeasure(
    field(input, 'processTemperatureK'),
    'processTemperatureK',
    problems,
  );
  const rotationalSpeedRpm = checkMeasure(field(input, 'rotationalSpeedRpm'), 'rotationalSpeedRpm', problems);
  const torqueNm = checkMeasure(field(input, 'torqueNm'), 'torqueNm', problems);
  const toolWearMin = checkMeasure(field(input, 'toolWearMin'), 'toolWearMin', problems);
  if (
    airTemperatureK !== undefined &&
    processTemperatureK !== undefined &&
    processTemperatureK < airTemperatureK
  ) {
    problem(
      problems,
      pointer('processTemperatureK'),
      'inconsistent',
      `processTemperatureK ${String(processTemperatureK)} is below airTemperatureK ${String(airTemperatureK)}: the process heats, it does not cool`,
    );
  }
  const rawLabels = field(input, 'labels');
  const labels = rawLabels === undefined ? undefined : checkLabels(rawLabels, problems);

  if (
    problems.length > 0 ||
    recordedAt === undefined ||
    assetId === undefined ||
    assetType === undefined ||
    airTemperatureK === undefined ||
    processTemperatureK === undefined ||
    rotationalSpeedRpm === undefined ||
    torqueNm === undefined ||
    toolWearMin === undefined
  ) {
    return { ok: false, problems };
  }
  // Built by assignment in field order (not conditional spreads, which allocate): this runs once per reading.
  const reading: { -readonly [K in keyof Reading]: Reading[K] } = {
    recordedAt,
    assetId,
    assetType,
  } as Reading;
  if (siteId !== undefined) reading.siteId = siteId;
  if (lineId !== undefined) reading.lineId = lineId;
  reading.airTemperatureK = airTemperatureK;
  reading.processTemperatureK = processTemperatureK;
  reading.rotationalSpeedRpm = rotationalSpeedRpm;
  reading.torqueNm = torqueNm;
  reading.toolWearMin = toolWearMin;
  if (labels !== undefined) reading.labels = labels;
  return { ok: true, reading };
}

/** Validates a batch with {@link validateReading}: keeps the valid readings and reports each reject by index. */
export function validateReadings(
  batch: readonly unknown[],
  options: ValidateReadingOptions,
): ReadingBatchValidation {
  const result: ReadingBatchValidation = { readings: [], rejected: [] };
  batch.forEach((input, index) => {
    const outcome = validateReading(input, options);
    if (outcome.ok) result.readings.push(outcome.reading);
    else result.rejected.push({ index, problems: outcome.problems });
  });
  return result;
}
