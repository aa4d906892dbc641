import { Type, type Static } from '@sinclair/typebox';
import { nullableString } from './common.js';
import { StoredReadingSchema } from './readings.js';
import { RiskBandSchema } from './risk-band.js';

/** `event: reading`: the latest stored reading of an asset that changed. */
export const LiveReadingEventSchema = Type.Object({
  assetId: Type.String(),
  assetType: Type.String(),
  siteId: nullableString(),
  lineId: nullableString(),
  riskBand: RiskBandSchema,
  reading: StoredReadingSchema,
});
export type LiveReadingEvent = Static<typeof LiveReadingEventSchema>;
