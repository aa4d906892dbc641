import { RISK_BAND_NAMES, type RiskBandName } from '@lakehouse/domain';
import { Type, type Static } from '@sinclair/typebox';

/** Risk band of a probability: `high` >= 0.9, `elevated` >= 0.6, else `normal`; `unknown` when not scored. */
export const RiskBandSchema = Type.Unsafe<RiskBandName>({
  type: 'string',
  enum: [...RISK_BAND_NAMES],
});
export type RiskBand = Static<typeof RiskBandSchema>;
