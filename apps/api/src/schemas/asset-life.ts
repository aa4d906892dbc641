import { CRITICALITIES, CALENDAR_DATE_PATTERN, END_OF_LIFE_HORIZONS_MONTHS } from '@lakehouse/domain';
import { Type, type Static } from '@sinclair/typebox';
import { Cursor, nullable, nullableInteger, nullableNumber, nullableString } from './common.js';
import { RiskBandSchema } from './risk-band.js';

/*
 * Contract of the remaining-life and end-of-life routes (issue #17): `GET /assets/{assetId}/life` and
 * `GET /fleet/end-of-life`. Building blocks and conventions as in common.ts: camelCase, instants epoch ms UTC,
 * dates `YYYY-MM-DD`.
 */

const CalendarDate = (description: string) => Type.String({ pattern: CALENDAR_DATE_PATTERN, description });

/** The register's entry for an asset (table `asset_master_data`). */
export const MasterDataSchema = Type.Object({
  manufacturer: Type.String(),
  model: Type.String(),
  installedOn: CalendarDate('Install date'),
  serviceLifeMonths: Type.Integer({ description: 'Expected service life from the install date, months' }),
  criticality: Type.Unsafe<(typeof CRITICALITIES)[number]>({
    type: 'string',
    enum: [...CRITICALITIES],
    description: 'A: failure stops production, B: reduces output, C: has a workaround',
  }),
  siteId: nullableString({ description: 'Site the register names' }),
  lineId: nullableString({ description: 'Line the register names' }),
  source: Type.Unsafe<'import' | 'generator'>({
    type: 'string',
    enum: ['import', 'generator'],
    description: 'import: a register CSV (bulk-load assets import); generator: the simulated fleet',
  }),
  updatedAt: Type.Integer({ description: 'When a value last changed, epoch ms UTC' }),
});
export type MasterData = Static<typeof MasterDataSchema>;

/** Remaining life of the current tool, from the latest reading. */
export const ToolLifeSchema = Type.Object({
  toolWearMin: Type.Number({
    description:
      "Wear of the tool in the machine, min: the latest reading's, less the wear at the latest tool replacement done on a work order",
  }),
  recordedAt: Type.Integer({ description: 'Instant of the latest reading, epoch ms UTC' }),
  toolReplacedAt: nullableInteger({
    description: 'When the latest replace_tool work order was done, epoch ms UTC; null: none',
  }),
  wearRateMinPerOperatingMin: Type.Number({
    description: 'Tool wear added per operating minute by the asset type (AI4I: L 2, M 3, H 5)',
  }),
  replacementWearMin: Type.Number({
    description: 'Wear at which the tool is replaced (API_TOOL_REPLACEMENT_WEAR_MIN)',
  }),
  remainingWearMin: Type.Number({ description: 'Wear left before the replacement, min' }),
  remainingOperatingMin: Type.Number({ description: 'Operating minutes left before the replacement' }),
  dueAt: Type.Integer({
    description:
      'When the replacement is due if the machine keeps running from the reading (or from a later replacement), epoch ms UTC',
  }),
  isDue: Type.Boolean({ description: 'The tool has reached the replacement wear' }),
});
export type ToolLife = Static<typeof ToolLifeSchema>;

/** Expected end of life of the machine, from the register. */
export const EndOfLifeSchema = Type.Object({
  endOfLifeOn: CalendarDate('Install date plus the service life'),
  endOfLifeAt: Type.Integer({ description: 'UTC midnight starting that day, epoch ms' }),
  monthsRemaining: Type.Number({
    description: 'Mean months (30.44 days) from now to the end of life; negative once it has passed',
  }),
  isPastEndOfLife: Type.Boolean(),
});
export type EndOfLifeBody = Static<typeof EndOfLifeSchema>;

/** `GET /assets/{assetId}/life`. */
export const AssetLifeSchema = Type.Object({
  assetId: Type.String(),
  assetType: nullableString({ description: 'L/M/H from the readings; null when the asset has not reported' }),
  siteId: nullableString({ description: "Where it stands: the readings' site, else the register's" }),
  lineId: nullableString({ description: "The readings' line, else the register's" }),
  asOf: Type.Integer({ description: 'The instant the figures are computed for, epoch ms UTC' }),
  masterData: nullable(MasterDataSchema),
  toolLife: nullable(ToolLifeSchema),
  endOfLife: nullable(EndOfLifeSchema),
});
export type AssetLife = Static<typeof AssetLifeSchema>;

/** End-of-life figures of a group of assets. */
export const EndOfLifeGroupSchema = Type.Object({
  key: Type.String({ description: 'Site id or manufacturer; "(none)" for assets without a site; "fleet"' }),
  assets: Type.Integer(),
  meanMonthsToEndOfLife: nullableNumber(),
  pastEndOfLife: Type.Integer(),
  within6Months: Type.Integer({ description: 'At or past end of life within 6 months (past ones included)' }),
  within12Months: Type.Integer(),
  within24Months: Type.Integer(),
});
export type EndOfLifeGroupBody = Static<typeof EndOfLifeGroupSchema>;

/** Registered machines of one manufacturer installed in one calendar year. */
export const InstallYearGroupSchema = Type.Object({
  manufacturer: Type.String(),
  installYear: Type.Integer({ description: 'Calendar year of the install date' }),
  assets: Type.Integer(),
});
export type InstallYearGroup = Static<typeof InstallYearGroupSchema>;

/** `GET /fleet/end-of-life`. */
export const FleetEndOfLifeSchema = Type.Object({
  asOf: Type.Integer({ description: 'Epoch ms UTC' }),
  horizonsMonths: Type.Array(Type.Integer(), {
    description: `The horizons counted: ${END_OF_LIFE_HORIZONS_MONTHS.join(', ')}`,
  }),
  fleet: EndOfLifeGroupSchema,
  bySite: Type.Array(EndOfLifeGroupSchema),
  byManufacturer: Type.Array(EndOfLifeGroupSchema),
  byManufacturerAndInstallYear: Type.Array(InstallYearGroupSchema, {
    description: 'Registered machines per manufacturer and install year, by manufacturer then year',
  }),
  reportingAssetsWithoutMasterData: Type.Integer({
    description: 'Assets that send readings but are not in the register (not counted above)',
  }),
});
export type FleetEndOfLife = Static<typeof FleetEndOfLifeSchema>;

export const FleetEndOfLifeQuerySchema = Type.Object({}, { additionalProperties: false });

/** One reporting asset with its current failure probability and the register's end of life. */
export const AssetOutlookSchema = Type.Object({
  assetId: Type.String(),
  assetType: Type.String(),
  siteId: nullableString(),
  lineId: nullableString(),
  lastSeenAt: Type.Integer({ description: 'Latest reading, epoch ms UTC' }),
  isOperating: Type.Boolean({ description: 'Seen within the operating window (API_OPERATING_WINDOW_MS)' }),
  failureProbability: nullableNumber({ description: 'Of the latest reading; null when it was not scored' }),
  riskBand: RiskBandSchema,
  manufacturer: nullableString({ description: "The register's; null without a register row" }),
  model: nullableString(),
  criticality: nullableString({ description: 'A/B/C from the register' }),
  installedOn: nullableString({ description: 'Install date YYYY-MM-DD from the register' }),
  endOfLife: nullable(EndOfLifeSchema),
});
export type AssetOutlook = Static<typeof AssetOutlookSchema>;

/** `GET /fleet/end-of-life/assets`. */
export const AssetOutlookListSchema = Type.Object({
  asOf: Type.Integer({ description: 'The instant the figures are computed for, epoch ms UTC' }),
  items: Type.Array(AssetOutlookSchema),
  nextCursor: nullableString(),
});
export type AssetOutlookList = Static<typeof AssetOutlookListSchema>;

export const AssetOutlookQuerySchema = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type AssetOutlookQuery = Static<typeof AssetOutlookQuerySchema>;
