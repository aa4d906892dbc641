import { FailureLabelsSchema, ReadingSchema } from '@lakehouse/domain';
import { TABLES, type TableDefinition } from '@lakehouse/sql';
import type { Catalog } from '../schemas/catalog.js';

/** Medallion layer of each table, as the Data Catalog tags it. */
const LAYERS: Readonly<Record<string, string>> = {
  readings: 'bronze',
  assets: 'bronze',
  failure_events: 'bronze',
  hourly_aggregates: 'silver',
  predictions: 'gold',
  daily_rollups: 'gold',
  daily_manufacturer_rollups: 'gold',
};

/** Domain fields that are derived by libs/domain (deriveFeatures) or added at ingest, beside ReadingSchema's. */
const DERIVED_FIELDS: Readonly<Record<string, string>> = {
  power_w: 'powerW',
  temperature_difference_k: 'temperatureDifferenceK',
  overstrain_min_nm: 'overstrainMinNm',
  failure_probability: 'failureProbability',
  machine_failure: 'labels.machineFailure',
};

const camel = (snake: string): string => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function domainUnit(field: string): string | null {
  const property = (ReadingSchema.properties as Record<string, { unit?: unknown } | undefined>)[field];
  return typeof property?.unit === 'string' ? property.unit : null;
}

/** The libs/domain field a column carries, if any (readings-shaped tables only). */
function domainField(table: TableDefinition, column: string): string | null {
  if (DERIVED_FIELDS[column] !== undefined) return DERIVED_FIELDS[column];
  const field = camel(column);
  if (field in ReadingSchema.properties) return field;
  const label = column.toUpperCase();
  if (table.name !== 'models' && label in FailureLabelsSchema.properties) return `labels.${label}`;
  return null;
}

/**
 * The catalog: every table and column of libs/sql's definitions, with type, unit and description, and the
 * libs/domain field each column carries. Generated from the same definitions as the DDL, so it cannot drift; the
 * local counterpart of OCI Data Catalog's harvested entities.
 */
export function buildCatalog(tables: readonly TableDefinition[] = TABLES): Catalog {
  return {
    tables: tables.map((table) => ({
      name: table.name,
      description: table.description,
      layer: LAYERS[table.name] ?? 'ops',
      heatwave: table.rapid,
      primaryKey: [...table.primaryKey],
      columns: table.columns.map((column) => {
        const field = domainField(table, column.name);
        return {
          name: column.name,
          type: column.type,
          nullable: column.nullable ?? false,
          unit: column.unit ?? (field === null ? null : domainUnit(field)),
          description: column.description,
          isPrimaryKey: table.primaryKey.includes(column.name),
          domainField: field,
        };
      }),
    })),
  };
}
