import type { Pool } from 'mysql2/promise';

/**
 * A pool whose every query returns no rows: enough for `buildApp` to start (no API keys, no active model) in unit
 * tests that never reach the database, such as the OpenAPI contract and the rate limit of unknown routes.
 */
export function emptyPool(): Pool {
  const answer = async () => [[], []];
  return { query: answer, execute: answer, end: async () => undefined } as unknown as Pool;
}
