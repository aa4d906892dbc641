import { readStackSettings, stackDir, WORKSPACE_ROOT } from '@lakehouse/testing';
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = join(WORKSPACE_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(WORKSPACE_ROOT, 'tools', 'src', 'local-stack', 'cli.ts');

describe('local stack (running)', () => {
  const dir = stackDir(process.env);

  it('status reports both services healthy and exits 0', async () => {
    const { stdout } = await run(TSX, ['--conditions=@lakehouse/source', CLI, 'status'], {
      cwd: WORKSPACE_ROOT,
      env: process.env,
    });
    expect(stdout).toMatch(/^mariadb\s+running\s+pid \d+.*healthy/m);
    expect(stdout).toMatch(/^kafka\s+running\s+pid \d+.*healthy/m);
    expect(stdout).not.toContain('NOT healthy');
  });

  it('keeps stack.json valid and private', () => {
    const settings = readStackSettings(dir);
    expect(settings.mariadb.password).not.toBe('');
    expect(settings.mariadb.rootPassword).not.toBe(settings.mariadb.password);
    expect(statSync(join(dir, 'stack.json')).mode & 0o077).toBe(0);
  });

  it('serves MariaDB 10.11 to the app user, in UTC with the MySQL 8 sql_mode', async () => {
    const { mariadb } = readStackSettings(dir);
    const connection = await createConnection({
      host: mariadb.host,
      port: mariadb.port,
      user: mariadb.user,
      password: mariadb.password,
      database: mariadb.database,
    });
    try {
      const [rows] = await connection.query<RowDataPacket[]>(
        'SELECT VERSION() AS version, @@time_zone AS tz, @@sql_mode AS mode, @@collation_server AS collation',
      );
      expect(rows[0]?.['version']).toMatch(/^10\.11\./);
      expect(rows[0]?.['tz']).toBe('+00:00');
      expect(rows[0]?.['mode']).toContain('ONLY_FULL_GROUP_BY');
      expect(rows[0]?.['collation']).toBe('utf8mb4_unicode_ci');
    } finally {
      await connection.end();
    }
  });
});
