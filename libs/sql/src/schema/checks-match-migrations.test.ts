import {
  CRITICALITIES,
  EARLIEST_INSTALLED_ON,
  EPISODE_BANDS,
  MAX_SERVICE_LIFE_MONTHS,
  PHYSICAL_RANGES,
} from '@lakehouse/domain';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../migrations/all-migrations.js';
import { checkConstraintName } from './create-table-sql.js';
import { MEASURE_COLUMNS } from './shared-columns.js';
import { TABLES } from './tables.js';

/** Every CHECK the committed migrations create, by constraint name (a later migration's text wins). */
function migrationChecks(): Map<string, string> {
  const checks = new Map<string, string>();
  for (const migration of MIGRATIONS) {
    for (const statement of migration.up) {
      for (const match of statement.matchAll(/CONSTRAINT `([a-z0-9_]+)` CHECK \((.*)\),?$/gm)) {
        checks.set(match[1] as string, match[2] as string);
      }
    }
  }
  return checks;
}

describe('CHECK constraints', () => {
  const committed = migrationChecks();

  it('are, in the table definitions, exactly the text the committed migrations created', () => {
    const defined = TABLES.flatMap((t) =>
      (t.checks ?? []).map((c) => [checkConstraintName(t, c.name), c.sql]),
    );
    expect(Object.fromEntries(defined)).toEqual(Object.fromEntries(committed));
  });

  it("bound each measure of readings by libs/domain's PHYSICAL_RANGES, also in migration 1", () => {
    const ranges = MEASURE_COLUMNS.map((m) => {
      const name = [...committed.entries()].find(
        ([n, sql]) => n.startsWith('readings_') && sql.startsWith(`${m.name} `),
      );
      const bounds = /BETWEEN (\d+) AND (\d+)$/.exec(name?.[1] ?? '');
      return [m.field, { min: Number(bounds?.[1]), max: Number(bounds?.[2]) }];
    });
    expect(Object.fromEntries(ranges)).toEqual(PHYSICAL_RANGES);
  });

  it("hold the asset register and episode bands to libs/domain's lists and limits", () => {
    expect(committed.get('asset_master_data_criticality_known')).toBe(
      `criticality IN (${CRITICALITIES.map((c) => `'${c}'`).join(',')})`,
    );
    expect(committed.get('asset_master_data_service_life_range')).toBe(
      `service_life_months BETWEEN 1 AND ${String(MAX_SERVICE_LIFE_MONTHS)}`,
    );
    expect(committed.get('asset_master_data_installed_on_range')).toBe(
      `installed_on >= '${EARLIEST_INSTALLED_ON}'`,
    );
    expect(committed.get('alert_episodes_band_known')).toBe(
      `band IN (${EPISODE_BANDS.map((b) => `'${b}'`).join(',')})`,
    );
  });
});
