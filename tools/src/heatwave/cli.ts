/**
 * `npm run heatwave -- <command>`: HeatWave cluster operations over the OCI SDK (add, start, stop, restart,
 * delete, memory estimate and resize to it) and the SQL status of a HeatWave server. See tools/README.md.
 * Exit codes: 0 ok, 1 failed, 2 bad usage.
 */
import { HEATWAVE_OPERATIONS_CONTRACT, loadWorkloadEnv } from '@lakehouse/contracts';
import { runCli } from '@lakehouse/cli';
import { createSqlPool, loadSqlConfig, type SqlConfig } from '@lakehouse/sql';
import { localStackEnv } from '@lakehouse/local-stack';
import { DbSystemClient, WorkRequestsClient } from 'oci-mysql';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeCluster, runOciCommand, type HeatWaveDeps } from './heatwave-operations.js';
import { readHeatWaveStatus, reloadRapidTables, renderHeatWaveStatus } from './heatwave-status.js';
import { checkOciConfigFile, configFileAuthProvider, secretReaderFor } from '@lakehouse/oci';
import { heatwaveCommand, type HeatWaveCommand, type OciTarget } from './parse-heatwave-args.js';

const out = (line: string): void => console.log(line);

/**
 * The SQL connection: the contract's MYSQL_* settings when MYSQL_HOST is set (what the database stack's output
 * `heatwave_operations_env` gives, the admin password read from Vault through MYSQL_PASSWORD_SECRET_OCID), else the
 * local stack.
 */
async function sqlConfig(): Promise<SqlConfig> {
  if (!process.env['MYSQL_HOST']) return loadSqlConfig(localStackEnv(process.env));
  const settings = await loadWorkloadEnv(
    HEATWAVE_OPERATIONS_CONTRACT,
    process.env,
    secretReaderFor(process.env),
  );
  return loadSqlConfig({ ...process.env, MYSQL_PASSWORD: settings.MYSQL_PASSWORD });
}

async function withSql<T>(
  fn: (pool: Awaited<ReturnType<typeof createSqlPool>>, config: SqlConfig) => Promise<T>,
): Promise<T> {
  const config = await sqlConfig();
  const pool = await createSqlPool(config);
  try {
    return await fn(pool, config);
  } finally {
    await pool.end();
  }
}

/** Checks the credentials (no network) and builds the two SDK clients. */
function ociClients(target: OciTarget): Pick<HeatWaveDeps, 'clusters' | 'workRequests'> {
  const credentials = checkOciConfigFile(target);
  const provider = configFileAuthProvider(credentials);
  return {
    clusters: new DbSystemClient({ authenticationDetailsProvider: provider }),
    workRequests: new WorkRequestsClient({ authenticationDetailsProvider: provider }),
  };
}

async function main(command: HeatWaveCommand): Promise<number> {
  if (command.kind === 'status') {
    // Credentials first, so a missing profile fails before the SQL round trip.
    const clients = command.dbSystemId === undefined ? undefined : ociClients(command);
    await withSql(async (pool, config) => {
      out(`database: ${config.user}@${config.host}:${config.port}/${config.database}`);
      for (const line of renderHeatWaveStatus(await readHeatWaveStatus(pool, config.database))) out(line);
    });
    if (clients && command.dbSystemId) {
      out(await describeCluster(clients.clusters, command.dbSystemId));
    }
    return 0;
  }
  await runOciCommand(command, {
    ...ociClients(command),
    out,
    timer: { now: Date.now, sleep: (ms) => sleep(ms) },
    retryToken: randomUUID,
    reload: () => withSql((pool, config) => reloadRapidTables(pool, config.database, out)),
  });
  return 0;
}

// process.exit: the OCI SDK clients keep sockets open.
process.exit(await runCli(heatwaveCommand(process.env), process.argv.slice(2), main, { env: process.env }));
