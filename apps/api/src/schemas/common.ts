import { ASSET_ID_PATTERN, ASSET_TYPES } from '@lakehouse/domain';
import { Type, type TSchema } from '@sinclair/typebox';

/*
 * Building blocks shared by the route contract of /api/v1 (issue #7), one file per resource beside this one.
 * Routes validate with these schemas (compiled once at start), the OpenAPI document is generated from them, and
 * the dashboard (apps/api/web) imports the derived types. JSON is camelCase; instants are epoch milliseconds UTC;
 * temperatures are Kelvin.
 */

export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/*
 * Nullable numbers and strings, and string enums, are written as JSON-schema type arrays / enums rather than
 * anyOf: fast-json-stringify serialises those directly, while anyOf makes it run a validator per value.
 */
export const nullableNumber = (options: { description?: string } = {}) =>
  Type.Unsafe<number | null>({ type: ['number', 'null'], ...options });
export const nullableInteger = (options: { description?: string } = {}) =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], ...options });
export const nullableString = (options: { description?: string } = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });

/** An asset id path/query parameter (the domain's id pattern). */
export const AssetIdSchema = Type.String({ pattern: ASSET_ID_PATTERN, description: 'Machine identifier' });
export const SiteOrLineId = Type.String({ pattern: ASSET_ID_PATTERN });
export const AssetTypeSchema = Type.Union(
  ASSET_TYPES.map((t) => Type.Literal(t)),
  { description: 'Product quality variant L/M/H' },
);
/** Epoch milliseconds UTC, from 2000-01-01 to 2100-01-01. */
export const EpochMs = Type.Integer({
  minimum: 946_684_800_000,
  maximum: 4_102_444_800_000,
  description: 'Epoch ms UTC',
});
/** Opaque pagination cursor: pass back `nextCursor` unchanged. */
export const Cursor = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'Opaque cursor',
});

/** Mean, min and max of a measure over a bucket or an hour. */
export const BucketStat = Type.Object({ mean: Type.Number(), min: Type.Number(), max: Type.Number() });
