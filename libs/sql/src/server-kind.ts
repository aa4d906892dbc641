import { UpstreamError } from '@lakehouse/runtime';
import type { Pool, RowDataPacket } from 'mysql2/promise';

/** What kind of server a connection reaches. */
export type ServerKind = 'mariadb' | 'mysql' | 'heatwave';

/** What the rest of the code asks before using HeatWave-only SQL. */
export interface ServerCapabilities {
  readonly kind: ServerKind;
  /** `SELECT VERSION()`, e.g. `10.11.19-MariaDB-0+deb12u1` or `9.4.1-cloud`. */
  readonly version: string;
  /** `@@version_comment`, e.g. `MySQL Enterprise - Cloud`. */
  readonly versionComment: string;
  /** A HeatWave cluster is attached and up (`rapid_cluster_status` = ON): SECONDARY_LOAD and offload work. */
  readonly hasRapid: boolean;
  /** HeatWave AutoML routines (`sys.ML_*`) can be called: they need a running cluster. */
  readonly hasAutoMl: boolean;
  /** Lakehouse external tables can be created and loaded. */
  readonly hasLakehouse: boolean;
}

/** Raw probe results; separated from the queries so the decision is unit-testable. */
export interface ServerProbe {
  readonly version: string;
  readonly versionComment: string;
  /** Value of the `rapid_cluster_status` status variable, or undefined when the server has no such variable. */
  readonly rapidClusterStatus?: string;
  /** Whether `sys.ML_TRAIN` exists (information_schema.ROUTINES). */
  readonly hasMlTrainRoutine: boolean;
  /**
   * Lakehouse availability cannot be read reliably from SQL (the reference marks it unconfirmed), so it comes
   * from configuration (`HEATWAVE_LAKEHOUSE_ENABLED`, mirroring Terraform's `is_lakehouse_enabled`).
   */
  readonly lakehouseEnabled: boolean;
}

/** Decides the server kind and capabilities from a probe. */
export function classifyServer(probe: ServerProbe): ServerCapabilities {
  const isMariaDb = /mariadb/i.test(probe.version) || /mariadb/i.test(probe.versionComment);
  const hasRapid = !isMariaDb && probe.rapidClusterStatus?.toUpperCase() === 'ON';
  const kind: ServerKind = isMariaDb
    ? 'mariadb'
    : probe.rapidClusterStatus === undefined
      ? 'mysql'
      : 'heatwave';
  return {
    kind,
    version: probe.version,
    versionComment: probe.versionComment,
    hasRapid,
    hasAutoMl: hasRapid && probe.hasMlTrainRoutine,
    hasLakehouse: hasRapid && probe.lakehouseEnabled,
  };
}

/**
 * Probes the server behind `pool`. A HeatWave DB system reports `rapid_cluster_status` even when its cluster is
 * stopped, so kind is `heatwave` with `hasRapid: false` then, and callers skip RAPID work.
 */
export async function detectServer(
  pool: Pool,
  options: { readonly lakehouseEnabled?: boolean } = {},
): Promise<ServerCapabilities> {
  try {
    const [[versionRow]] = await pool.query<RowDataPacket[]>(
      'SELECT VERSION() AS version, @@version_comment AS versionComment',
    );
    const [statusRows] = await pool.query<RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'rapid_cluster_status'");
    const [routineRows] = await pool.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = 'sys' AND ROUTINE_NAME = 'ML_TRAIN'",
    );
    const status = statusRows[0]?.['Value'] as string | undefined;
    return classifyServer({
      version: String(versionRow?.['version'] ?? ''),
      versionComment: String(versionRow?.['versionComment'] ?? ''),
      ...(status === undefined ? {} : { rapidClusterStatus: status }),
      hasMlTrainRoutine: Number(routineRows[0]?.['n'] ?? 0) > 0,
      lakehouseEnabled: options.lakehouseEnabled ?? true,
    });
  } catch (err: unknown) {
    throw new UpstreamError('SQL_READ_FAILED', `cannot probe the server kind: ${(err as Error).message}`, {
      cause: err,
      retryable: true,
    });
  }
}
