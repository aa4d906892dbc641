import { createConnection } from 'mysql2/promise';
import type { StackSettings } from '@lakehouse/local-stack';
import { uniqueName } from './unique-name.js';

/** A schema that exists for one test file and the settings to reach it as the app user. */
export interface ThrowawaySchema {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** Drops the schema; call it in afterAll. */
  drop(): Promise<void>;
}

/** Creates `it_<random>` on the local MariaDB (as root) for an integration test. */
export async function createThrowawaySchema(
  settings: StackSettings,
  prefix = 'it',
): Promise<ThrowawaySchema> {
  const { mariadb } = settings;
  const database = uniqueName(prefix);
  const admin = () =>
    createConnection({
      host: mariadb.host,
      port: mariadb.port,
      user: mariadb.rootUser,
      password: mariadb.rootPassword,
    });
  const conn = await admin();
  try {
    await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
  } finally {
    await conn.end();
  }
  return {
    host: mariadb.host,
    port: mariadb.port,
    user: mariadb.user,
    password: mariadb.password,
    database,
    async drop() {
      const c = await admin();
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
      } finally {
        await c.end();
      }
    },
  };
}
