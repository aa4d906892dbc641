import { createLogger } from '@lakehouse/runtime';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { emptyPool } from './testing/empty-pool.js';

const FIXTURE = new URL('./openapi-contract.fixture.json', import.meta.url);
const ENV = { MYSQL_HOST: '127.0.0.1', MYSQL_USER: 'api', MYSQL_PASSWORD: 'x', MYSQL_DATABASE: 'lakehouse' };

/*
 * The generated OpenAPI document is the route contract the dashboard and clients build against: every path,
 * operation, status code and schema. It is compared with a committed fixture so that reorganising the app (plugins,
 * one file per resource) is proven not to change it. After a deliberate contract change, regenerate the fixture with
 * `UPDATE_OPENAPI_FIXTURE=1 npx vitest run src/openapi-contract.test.ts` and review the diff.
 */
describe('OpenAPI document', () => {
  it('matches the committed contract fixture', async () => {
    const config = await loadConfig({ ...ENV, API_WEB_DIR: '/nonexistent-web-dir' });
    const app = await buildApp({
      config,
      logger: createLogger({ name: 'test', level: 'silent' }),
      pool: emptyPool(),
    });
    try {
      const res = await app.inject('/openapi.json');
      expect(res.statusCode).toBe(200);
      const document: unknown = res.json();
      const text = `${JSON.stringify(document, null, 2)}\n`;
      if (process.env['UPDATE_OPENAPI_FIXTURE'] === '1') writeFileSync(FIXTURE, text);
      expect(document).toEqual(JSON.parse(readFileSync(FIXTURE, 'utf8')));
    } finally {
      await app.close();
    }
  });
});
