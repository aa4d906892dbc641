import { Type, type Static } from '@sinclair/typebox';
import { nullableInteger, nullableString } from './common.js';

export const ModelSchema = Type.Object({
  modelId: Type.Integer(),
  name: Type.String(),
  version: Type.Integer(),
  algorithm: Type.String(),
  features: Type.Array(Type.String()),
  metrics: Type.Unknown({ description: 'Evaluation metrics as registered (AUC, precision, recall, ...)' }),
  parameters: Type.Unknown(),
  decisionThreshold: Type.Number(),
  isActive: Type.Boolean(),
  hasArtifact: Type.Boolean({ description: 'Can be scored in-process (else HeatWave only)' }),
  heatwaveModelHandle: nullableString(),
});
export type Model = Static<typeof ModelSchema>;
export const ModelListSchema = Type.Object({
  activeModelId: nullableInteger(),
  items: Type.Array(ModelSchema),
});
export type ModelList = Static<typeof ModelListSchema>;
export const ModelParamsSchema = Type.Object(
  { modelId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);
