import { Type, type Static } from '@sinclair/typebox';

/** Lathe product-quality variants of the AI4I 2020 process: Low, Medium, High. */
export const ASSET_TYPES = ['L', 'M', 'H'] as const;
/** One of {@link ASSET_TYPES}. */
export type AssetType = (typeof ASSET_TYPES)[number];

/** AI4I failure modes: tool wear, heat dissipation, power, overstrain, random. */
export const FAILURE_MODES = ['TWF', 'HDF', 'PWF', 'OSF', 'RNF'] as const;
/** One of {@link FAILURE_MODES}. */
export type FailureMode = (typeof FAILURE_MODES)[number];

/** Asset ids are what MySQL keys and Kafka message keys carry: short, printable, no spaces. */
export const ASSET_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$';

/**
 * Physically plausible bounds, inclusive. Wider than anything the AI4I process produces (air 295-305 K,
 * speed 1168-2886 rpm, torque 3.8-76.6 Nm, wear 0-253 min) so that real but unusual machines pass, while sensor
 * garbage (negative Kelvin, 1e9 rpm) is rejected.
 */
export const PHYSICAL_RANGES = {
  airTemperatureK: { min: 200, max: 400 },
  processTemperatureK: { min: 200, max: 500 },
  rotationalSpeedRpm: { min: 0, max: 10_000 },
  torqueNm: { min: 0, max: 500 },
  toolWearMin: { min: 0, max: 1_000 },
} as const;

/** Names of the measured quantities, in the order of the AI4I columns. */
export const MEASURES = [
  'airTemperatureK',
  'processTemperatureK',
  'rotationalSpeedRpm',
  'torqueNm',
  'toolWearMin',
] as const;
/** One of {@link MEASURES}. */
export type Measure = (typeof MEASURES)[number];

/** Ground-truth labels of a reading, present in labelled history only. */
export const FailureLabelsSchema = Type.Object(
  {
    machineFailure: Type.Boolean({ description: 'Any failure mode occurred in this process step' }),
    TWF: Type.Boolean({ description: 'Tool wear failure' }),
    HDF: Type.Boolean({ description: 'Heat dissipation failure' }),
    PWF: Type.Boolean({ description: 'Power failure' }),
    OSF: Type.Boolean({ description: 'Overstrain failure' }),
    RNF: Type.Boolean({ description: 'Random failure' }),
  },
  { additionalProperties: false },
);
/** Ground-truth labels: machine failure and the five AI4I failure modes. */
export type FailureLabels = Static<typeof FailureLabelsSchema>;

/**
 * One sensor reading of one asset, as it travels on the stream and as the domain uses it.
 * `recordedAt` is epoch milliseconds, UTC. Temperatures are Kelvin.
 */
export const ReadingSchema = Type.Object(
  {
    recordedAt: Type.Integer({ description: 'Instant of the reading, epoch milliseconds UTC', unit: 'ms' }),
    assetId: Type.String({ pattern: ASSET_ID_PATTERN, description: 'Machine identifier' }),
    assetType: Type.Union(
      ASSET_TYPES.map((t) => Type.Literal(t)),
      { description: 'Product quality variant L/M/H' },
    ),
    siteId: Type.Optional(
      Type.String({ pattern: ASSET_ID_PATTERN, description: 'Plant the asset stands in' }),
    ),
    lineId: Type.Optional(
      Type.String({ pattern: ASSET_ID_PATTERN, description: 'Production line within the site' }),
    ),
    airTemperatureK: Type.Number({ description: 'Air temperature', unit: 'K' }),
    processTemperatureK: Type.Number({ description: 'Process temperature', unit: 'K' }),
    rotationalSpeedRpm: Type.Number({ description: 'Spindle rotational speed', unit: 'rpm' }),
    torqueNm: Type.Number({ description: 'Torque', unit: 'Nm' }),
    toolWearMin: Type.Number({ description: 'Cumulative tool wear', unit: 'min' }),
    labels: Type.Optional(FailureLabelsSchema),
  },
  { additionalProperties: false },
);
/** A validated reading. */
export type Reading = Static<typeof ReadingSchema>;
/** A reading that carries its ground-truth labels, as in labelled history. */
export type LabelledReading = Reading & { labels: FailureLabels };
