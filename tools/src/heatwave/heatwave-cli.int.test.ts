import { hasErrorCode } from '@lakehouse/runtime';
import { createSqlPool } from '@lakehouse/sql';
import {
  createThrowawaySchema,
  readStackSettings,
  stackDir,
  WORKSPACE_ROOT,
  type ThrowawaySchema,
} from '@lakehouse/testing';
import type { Pool } from 'mysql2/promise';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHeatWaveStatus, reloadRapidTables } from './heatwave-status.js';

const run = promisify(execFile);

/** Runs the CLI as `npm run heatwave` does; resolves with exit code and output instead of throwing. */
async function heatwave(args: string[], env: NodeJS.ProcessEnv) {
  const cli = [join(WORKSPACE_ROOT, 'node_modules/tsx/dist/cli.mjs'), '--conditions=@lakehouse/source'];
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [...cli, join(WORKSPACE_ROOT, 'tools/src/heatwave/cli.ts'), ...args],
      {
        env,
        cwd: WORKSPACE_ROOT,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err: unknown) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('heatwave CLI against the local MariaDB', () => {
  let schema: ThrowawaySchema;
  let pool: Pool;
  const emptyHome = mkdtempSync(join(tmpdir(), 'heatwave-home-'));
  const env = { ...process.env, HOME: emptyHome, OCI_CONFIG_FILE: undefined, OCI_CLI_PROFILE: undefined };
  beforeAll(async () => {
    schema = await createThrowawaySchema(readStackSettings(stackDir(process.env)));
    pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 2, connectTimeoutMs: 5_000 });
  });
  afterAll(async () => {
    await pool?.end();
    await schema?.drop();
    rmSync(emptyHome, { recursive: true, force: true });
  });

  it('status reports HeatWave as absent and exits 0', async () => {
    const result = await heatwave(['status'], {
      ...env,
      MYSQL_HOST: undefined,
      LAKEHOUSE_STACK_DIR: stackDir(process.env),
    });
    expect(result.stderr).not.toMatch(/heatwave:/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^server: .*MariaDB/m);
    expect(result.stdout).toMatch(/^HeatWave: absent \(MariaDB/m);
  });

  it('reads the status from the server without touching rpd_tables', async () => {
    const status = await readHeatWaveStatus(pool, schema.database);
    expect(status.server.kind).toBe('mariadb');
    expect(status.tables).toBeUndefined();
  });

  it('refuses to reload RAPID tables on a server without HeatWave', async () => {
    const lines: string[] = [];
    const err: unknown = await reloadRapidTables(pool, schema.database, (l) => lines.push(l)).catch(
      (e: unknown) => e,
    );
    expect(hasErrorCode(err, 'SQL_WRITE_FAILED')).toBe(true);
    expect((err as Error).message).toMatch(/cannot reload: .*MariaDB.* has no running HeatWave cluster/);
    expect(lines).toEqual([]);
  });

  it('an OCI command without credentials fails with exit 1 naming the missing config file', async () => {
    const result = await heatwave(
      ['start', '--db-system', 'ocid1.mysqldbsystem.oc1.eu-frankfurt-1.aaaa'],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `config file ${join(emptyHome, '.oci/config')} or ${join(emptyHome, '.oraclebmc/config')} not found`,
    );
    expect(result.stderr).toMatch(/\[OCI_CREDENTIALS_MISSING\]/);
  });

  it('status --db-system without credentials fails before the SQL part', async () => {
    const result = await heatwave(
      ['status', '--db-system', 'ocid1.mysqldbsystem.oc1.eu-frankfurt-1.aaaa'],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/no OCI credentials/);
  });
});
