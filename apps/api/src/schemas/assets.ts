import { Type, type Static } from '@sinclair/typebox';
import {
  AssetIdSchema,
  AssetTypeSchema,
  Cursor,
  SiteOrLineId,
  nullable,
  nullableNumber,
  nullableString,
} from './common.js';
import { StoredReadingSchema } from './readings.js';
import { RiskBandSchema } from './risk-band.js';

export const AssetSchema = Type.Object({
  assetId: Type.String(),
  assetType: Type.String(),
  siteId: nullableString(),
  lineId: nullableString(),
  firstSeenAt: Type.Integer({ description: 'Epoch ms UTC' }),
  lastSeenAt: Type.Integer({ description: 'Epoch ms UTC' }),
  isOperating: Type.Boolean({ description: 'Seen within the operating window (API_OPERATING_WINDOW_MS)' }),
  failureProbability: nullableNumber(),
  riskBand: RiskBandSchema,
  latestReading: nullable(StoredReadingSchema),
});
export type Asset = Static<typeof AssetSchema>;

export const AssetListQuerySchema = Type.Object(
  {
    siteId: Type.Optional(SiteOrLineId),
    lineId: Type.Optional(SiteOrLineId),
    assetType: Type.Optional(AssetTypeSchema),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type AssetListQuery = Static<typeof AssetListQuerySchema>;

export const AssetListSchema = Type.Object({
  items: Type.Array(AssetSchema),
  nextCursor: nullableString(),
});
export type AssetList = Static<typeof AssetListSchema>;

export const AssetParamsSchema = Type.Object({ assetId: AssetIdSchema }, { additionalProperties: false });
