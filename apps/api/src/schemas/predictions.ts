import { ReadingSchema } from '@lakehouse/domain';
import { Type, type Static } from '@sinclair/typebox';
import { RiskBandSchema } from './risk-band.js';

/** Largest batch `POST /predict` accepts (also bounded by API_BODY_LIMIT_BYTES). */
export const MAX_PREDICT_READINGS = 1000;

export const PredictBodySchema = Type.Object(
  { readings: Type.Array(ReadingSchema, { minItems: 1, maxItems: MAX_PREDICT_READINGS }) },
  { additionalProperties: false },
);
export type PredictBody = Static<typeof PredictBodySchema>;

export const FeatureContributionSchema = Type.Object({
  feature: Type.String(),
  value: Type.Number(),
  contribution: Type.Number({ description: 'Change in failure log-odds; > 0 pushes towards failure' }),
});

export const PredictionSchema = Type.Object({
  assetId: Type.String(),
  recordedAt: Type.Integer(),
  failureProbability: Type.Number(),
  riskBand: RiskBandSchema,
  predictedFailure: Type.Boolean({ description: 'probability >= the model decision threshold' }),
  modes: Type.Array(Type.String(), { description: 'Failure modes the prediction points to' }),
  /** Top feature contributions, largest |contribution| first. */
  contributions: Type.Array(FeatureContributionSchema),
  baseLogOdds: Type.Number(),
});
export type Prediction = Static<typeof PredictionSchema>;

export const PredictResponseSchema = Type.Object({
  modelId: Type.Integer(),
  modelName: Type.String(),
  modelVersion: Type.Integer(),
  decisionThreshold: Type.Number(),
  predictions: Type.Array(PredictionSchema),
});
export type PredictResponse = Static<typeof PredictResponseSchema>;
