import { Type, type Static } from '@sinclair/typebox';
import { nullableString } from './common.js';

export const CatalogColumnSchema = Type.Object({
  name: Type.String(),
  type: Type.String(),
  nullable: Type.Boolean(),
  unit: nullableString(),
  description: Type.String(),
  isPrimaryKey: Type.Boolean(),
  domainField: nullableString({ description: 'camelCase field of the domain model (libs/domain)' }),
});
export const CatalogTableSchema = Type.Object({
  name: Type.String(),
  description: Type.String(),
  layer: Type.String({ description: 'bronze (raw), silver (aggregated), gold (served), ops (platform)' }),
  heatwave: Type.Boolean({ description: 'Loaded into HeatWave RAPID' }),
  primaryKey: Type.Array(Type.String()),
  columns: Type.Array(CatalogColumnSchema),
});
export const CatalogSchema = Type.Object({ tables: Type.Array(CatalogTableSchema) });
export type Catalog = Static<typeof CatalogSchema>;
