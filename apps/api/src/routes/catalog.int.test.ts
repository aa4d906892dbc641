import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleetApi, type FleetApi } from '../testing/fleet-api.js';
import type { TestApi } from '../testing/start-test-api.js';

// GET /catalog.
describe('catalog route over a real database', () => {
  let api: TestApi;
  let get: FleetApi['get'];

  beforeAll(async () => {
    ({ api, get } = await startFleetApi());
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('catalog', () => {
    it('lists every table with typed, described columns', async () => {
      const catalog = (await get('/api/v1/catalog')).json();
      const [tables] = await api.pool.query<RowDataPacket[]>(
        "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'schema_migrations'",
      );
      expect(catalog.tables.map((t: { name: string }) => t.name).sort()).toEqual(
        tables.map((t) => t['name']).sort(),
      );
    });
  });
});
