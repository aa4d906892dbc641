import { TABLES } from '@lakehouse/sql';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from './catalog.js';

describe('buildCatalog', () => {
  const catalog = buildCatalog();

  it('lists every table and column of libs/sql', () => {
    expect(catalog.tables.map((t) => t.name)).toEqual(TABLES.map((t) => t.name));
    for (const table of TABLES) {
      const entry = catalog.tables.find((t) => t.name === table.name);
      expect(entry?.columns.map((c) => c.name)).toEqual(table.columns.map((c) => c.name));
      expect(entry?.columns.every((c) => c.description.length > 0)).toBe(true);
    }
  });

  it('links reading columns to domain fields with their units', () => {
    const readings = catalog.tables.find((t) => t.name === 'readings');
    const torque = readings?.columns.find((c) => c.name === 'torque_nm');
    expect(torque).toMatchObject({ unit: 'Nm', domainField: 'torqueNm', type: 'DOUBLE', nullable: false });
    expect(readings?.columns.find((c) => c.name === 'recorded_at')).toMatchObject({
      domainField: 'recordedAt',
      isPrimaryKey: true,
    });
    expect(readings?.columns.find((c) => c.name === 'twf')?.domainField).toBe('labels.TWF');
    expect(catalog.tables.find((t) => t.name === 'hourly_aggregates')?.layer).toBe('silver');
    expect(catalog.tables.find((t) => t.name === 'daily_rollups')?.layer).toBe('gold');
  });
});
