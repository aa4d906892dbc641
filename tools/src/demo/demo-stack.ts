import { readStackSettings, type StackSettings } from '@lakehouse/local-stack';
import { createConnection } from 'mysql2/promise';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isPortOpen } from '../local-stack/process-control.js';

/** Whether MariaDB and Kafka of an earlier `stack up` still answer (then the demo leaves the stack running). */
export async function isStackUp(dir: string): Promise<boolean> {
  if (!existsSync(join(dir, 'stack.json'))) return false;
  try {
    const s = readStackSettings(dir);
    const [host, port] = (s.kafka.brokers[0] ?? '').split(':');
    return (
      (await isPortOpen(s.mariadb.host, s.mariadb.port)) &&
      (await isPortOpen(host ?? '127.0.0.1', Number(port)))
    );
  } catch {
    return false;
  }
}

/** Creates `database` on the local MariaDB (as root) unless it is the stack's own. */
export async function ensureDatabase(settings: StackSettings, database: string): Promise<void> {
  if (database === settings.mariadb.database) return;
  const conn = await createConnection({
    host: settings.mariadb.host,
    port: settings.mariadb.port,
    user: settings.mariadb.rootUser,
    password: settings.mariadb.rootPassword,
  });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4`);
  } finally {
    await conn.end();
  }
}
