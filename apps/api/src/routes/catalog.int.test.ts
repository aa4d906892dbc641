import type { RowDataPacket } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { useFleetApi } from '../testing/fleet-api.js';

// GET /catalog.
describe('catalog route over a real database', () => {
  const fleet = useFleetApi();
  const { get } = fleet;

  describe('catalog', () => {
    it('lists every table with typed, described columns', async () => {
      const catalog = (await get('/api/v1/catalog')).json();
      const [tables] = await fleet.api.pool.query<RowDataPacket[]>(
        "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'schema_migrations'",
      );
      expect(catalog.tables.map((t: { name: string }) => t.name).sort()).toEqual(
        tables.map((t) => t['name']).sort(),
      );
    });
  });
});
