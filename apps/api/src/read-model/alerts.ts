import type { Pool, RowDataPacket } from 'mysql2/promise';
import { ApiProblem } from '../http/api-problem.js';
import type { Alert, AlertList, AlertsQuery } from '../schemas/route-schemas.js';
import { riskBand } from './risk-band.js';
import { epochMs, readFailed } from './stored-reading.js';

/** The id of the alert a reading raises: `<assetId>~<recordedAt epoch ms>` (asset ids never contain `~`). */
export function alertId(assetId: string, recordedAtMs: number): string {
  return `${assetId}~${recordedAtMs}`;
}

/** Splits an alert id (already checked against ALERT_ID_PATTERN) into the reading's key. */
export function parseAlertId(id: string): { readonly assetId: string; readonly recordedAt: number } {
  const at = id.lastIndexOf('~');
  return { assetId: id.slice(0, at), recordedAt: Number(id.slice(at + 1)) };
}

/**
 * Open alert candidates: each asset's latest reading at or above the threshold (primary-key join, as for the
 * assets list) plus recent readings above it (a scan of the last `lookback` through `readings_recorded_at`). A
 * reading already acknowledged is not open.
 */
const OPEN_SQL = `SELECT c.asset_id, c.recorded_at, c.failure_probability, a.asset_type, a.site_id, a.line_id,
  (c.recorded_at = a.last_seen_at) AS is_latest
FROM (
  SELECT a1.asset_id, a1.last_seen_at AS recorded_at, r1.failure_probability
  FROM assets a1 JOIN readings r1 ON r1.asset_id = a1.asset_id AND r1.recorded_at = a1.last_seen_at
  WHERE r1.failure_probability >= ?
  UNION
  SELECT r2.asset_id, r2.recorded_at, r2.failure_probability
  FROM readings r2
  WHERE r2.recorded_at >= ? AND r2.failure_probability >= ?
) c
JOIN assets a ON a.asset_id = c.asset_id
LEFT JOIN alert_acknowledgements k ON k.asset_id = c.asset_id AND k.recorded_at = c.recorded_at
WHERE k.asset_id IS NULL
ORDER BY c.failure_probability DESC, c.recorded_at DESC
LIMIT ?`;

const ACKNOWLEDGED_SQL = `SELECT k.asset_id, k.recorded_at, k.failure_probability, a.asset_type, a.site_id, a.line_id,
  (k.recorded_at = a.last_seen_at) AS is_latest, k.acknowledged_at, k.acknowledged_by, k.note
FROM alert_acknowledgements k JOIN assets a ON a.asset_id = k.asset_id
WHERE k.failure_probability >= ?
ORDER BY k.acknowledged_at DESC, k.asset_id
LIMIT ?`;

function toAlert(row: RowDataPacket): Alert {
  const assetId = String(row['asset_id']);
  const recordedAt = epochMs(row['recorded_at']);
  const p = Number(row['failure_probability']);
  const ackAt = row['acknowledged_at'];
  return {
    alertId: alertId(assetId, recordedAt),
    assetId,
    recordedAt,
    failureProbability: p,
    riskBand: riskBand(p),
    assetType: String(row['asset_type']),
    siteId: (row['site_id'] as string | null) ?? null,
    lineId: (row['line_id'] as string | null) ?? null,
    isLatest: Number(row['is_latest']) === 1,
    acknowledged: ackAt !== undefined && ackAt !== null,
    acknowledgedAt: ackAt === undefined || ackAt === null ? null : epochMs(ackAt),
    acknowledgedBy: (row['acknowledged_by'] as string | null | undefined) ?? null,
    note: (row['note'] as string | null | undefined) ?? null,
  };
}

/** Alerts by status, most severe (open) or most recently acknowledged first. */
export async function listAlerts(
  pool: Pool,
  query: AlertsQuery,
  options: { readonly nowMs: number; readonly threshold: number; readonly lookbackMs: number },
): Promise<AlertList> {
  const threshold = query.minProbability ?? options.threshold;
  const status = query.status;
  try {
    const open =
      status === 'acknowledged'
        ? []
        : (
            await pool.query<RowDataPacket[]>(OPEN_SQL, [
              threshold,
              new Date(options.nowMs - options.lookbackMs),
              threshold,
              query.limit,
            ])
          )[0].map(toAlert);
    const acknowledged =
      status === 'open'
        ? []
        : (await pool.query<RowDataPacket[]>(ACKNOWLEDGED_SQL, [threshold, query.limit]))[0].map(toAlert);
    return { threshold, items: [...open, ...acknowledged].slice(0, query.limit) };
  } catch (err: unknown) {
    throw readFailed('alerts', err);
  }
}

/**
 * Acknowledges the alert of one reading. The reading must exist and be scored; acknowledging twice keeps the first
 * acknowledgement (idempotent for retries). Returns the acknowledged alert.
 */
export async function acknowledgeAlert(
  pool: Pool,
  id: string,
  by: string,
  note: string | null,
): Promise<Alert> {
  const { assetId, recordedAt } = parseAlertId(id);
  if (!Number.isSafeInteger(recordedAt) || recordedAt <= 0) {
    throw new ApiProblem(404, 'API_NOT_FOUND', `alert ${id} does not exist`);
  }
  const at = new Date(recordedAt);
  try {
    const [found] = await pool.query<RowDataPacket[]>(
      'SELECT failure_probability FROM readings WHERE asset_id = ? AND recorded_at = ?',
      [assetId, at],
    );
    const p = found[0]?.['failure_probability'];
    if (p === undefined || p === null) {
      throw new ApiProblem(
        404,
        'API_NOT_FOUND',
        `alert ${id} does not exist: no scored reading of ${assetId} at ${recordedAt}`,
      );
    }
    await pool.query(
      `INSERT IGNORE INTO alert_acknowledgements (asset_id, recorded_at, failure_probability, acknowledged_by, note)
       VALUES (?, ?, ?, ?, ?)`,
      [assetId, at, Number(p), by, note],
    );
    const [rows] = await pool.query<RowDataPacket[]>(
      `SELECT k.asset_id, k.recorded_at, k.failure_probability, a.asset_type, a.site_id, a.line_id,
         (k.recorded_at = a.last_seen_at) AS is_latest, k.acknowledged_at, k.acknowledged_by, k.note
       FROM alert_acknowledgements k JOIN assets a ON a.asset_id = k.asset_id
       WHERE k.asset_id = ? AND k.recorded_at = ?`,
      [assetId, at],
    );
    const row = rows[0];
    if (row === undefined) throw new ApiProblem(404, 'API_NOT_FOUND', `alert ${id} has no asset`);
    return toAlert(row);
  } catch (err: unknown) {
    if (err instanceof ApiProblem) throw err;
    throw readFailed('alert_acknowledgements', err);
  }
}
