import { Type, type Static } from '@sinclair/typebox';
import { AssetTypeSchema, SiteOrLineId, nullableNumber } from './common.js';

export const KpiQuerySchema = Type.Object(
  {
    siteId: Type.Optional(SiteOrLineId),
    lineId: Type.Optional(SiteOrLineId),
    assetType: Type.Optional(AssetTypeSchema),
  },
  { additionalProperties: false },
);
export type KpiQuery = Static<typeof KpiQuerySchema>;

/** Failure risk of a group of assets (current state: each asset's latest reading). */
export const RiskGroupSchema = Type.Object({
  key: Type.String({ description: 'Asset type, site id or line id; "(none)" for assets without one' }),
  assets: Type.Integer(),
  meanFailureProbability: nullableNumber(),
  maxFailureProbability: nullableNumber(),
  above0_6: Type.Integer(),
  above0_9: Type.Integer(),
});
export type RiskGroup = Static<typeof RiskGroupSchema>;

export const KpisSchema = Type.Object({
  asOf: Type.Integer({ description: 'Epoch ms UTC the figures were computed for' }),
  assets: Type.Integer(),
  operatingAssets: Type.Integer({ description: 'Assets with a reading within the operating window' }),
  operatingWindowMs: Type.Integer(),
  readingsPerSecond: Type.Number({ description: 'Readings recorded in the last 60 s, per second' }),
  above0_6: Type.Integer({ description: 'Assets whose latest probability is >= 0.6' }),
  above0_9: Type.Integer({ description: 'Assets whose latest probability is >= 0.9' }),
  meanFailureProbability: nullableNumber(),
  meanAirTemperatureK: nullableNumber(),
  meanProcessTemperatureK: nullableNumber(),
  meanTorqueNm: nullableNumber(),
  meanToolWearMin: nullableNumber(),
  riskByType: Type.Array(RiskGroupSchema),
  riskBySite: Type.Array(RiskGroupSchema),
  riskByLine: Type.Array(RiskGroupSchema),
});
export type Kpis = Static<typeof KpisSchema>;
