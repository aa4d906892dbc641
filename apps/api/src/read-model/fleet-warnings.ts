import type { EpisodeBand } from '@lakehouse/domain';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { badRequest } from '../http/api-problem.js';
import type {
  FleetWarning,
  FleetWarnings,
  FleetWarningsQuery,
  HorizonRisk,
  HorizonRiskPage,
  HorizonRiskQuery,
  WarningWorkOrder,
} from '../schemas/fleet-warnings.js';
import { episodeForecast } from './alert-episodes.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { epochMs, numOrNull, readFailed } from './stored-reading.js';
import { assetFilterConditions } from './asset-filters.js';

/*
 * Warnings are the open alert episodes (at most one per asset, so the sort over them is as small as the fleet), by
 * expected failure time; an episode without one sorts after every dated one, under the same 9999-12-31 key the work
 * orders use for "no due time".
 */
const NO_ESTIMATE_MS = Date.UTC(9999, 11, 31);
// The sentinel is cast so the key stays a DATETIME(3): with a bare string literal COALESCE yields a string, which
// compares as text with the cursor's '9999-12-31 00:00:00.000' and never equals it, so paging lost the rows after
// the first one without an estimate.
const FAILURE_KEY_SQL = `COALESCE(e.expected_failure_at, CAST('9999-12-31 00:00:00' AS DATETIME(3)))`;

const SELECT_WARNINGS = `SELECT e.episode_id, e.asset_id, e.band, e.opened_at, e.last_high_at, e.peak_probability,
  e.peak_at, e.score_kind, e.expected_failure_at, a.asset_type, a.site_id, a.line_id
FROM alert_episodes e LEFT JOIN assets a ON a.asset_id = e.asset_id`;

/** Assets per statement of {@link readLatestHorizonRisks}. */
const LOOKUPS_PER_STATEMENT = 200;

const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toHorizonRisk(row: RowDataPacket): HorizonRisk {
  return {
    recordedAt: epochMs(row['recorded_at']),
    modelId: Number(row['model_id']),
    horizonMinutes: Number(row['horizon_minutes']),
    risk: Number(row['risk']),
    expectedMinutesToFailure: numOrNull(row['expected_minutes_to_failure']),
  };
}

/**
 * The newest `horizon_risks` row of each asset, keyed by asset id: one descending primary-key dive per asset
 * (`asset_id = ?`, newest first, one row), batched as a UNION ALL. Constant bounds on purpose, as in tool-wear.ts:
 * a subquery correlated on the asset column makes MariaDB read every row of the asset.
 */
async function readLatestHorizonRisks(
  pool: Pool,
  assetIds: readonly string[],
): Promise<Map<string, HorizonRisk>> {
  const out = new Map<string, HorizonRisk>();
  const unique = [...new Set(assetIds)];
  for (let i = 0; i < unique.length; i += LOOKUPS_PER_STATEMENT) {
    const chunk = unique.slice(i, i + LOOKUPS_PER_STATEMENT);
    const [rows] = await pool.query<RowDataPacket[]>(
      chunk
        .map(
          () => `(SELECT asset_id, recorded_at, model_id, horizon_minutes, risk, expected_minutes_to_failure
            FROM horizon_risks WHERE asset_id = ? ORDER BY recorded_at DESC LIMIT 1)`,
        )
        .join(' UNION ALL '),
      chunk,
    );
    for (const row of rows) out.set(String(row['asset_id']), toHorizonRisk(row));
  }
  return out;
}

/** The work orders whose latest episode is one of these, by episode id, most urgent first (index work_orders_episode). */
async function readEpisodeWorkOrders(
  pool: Pool,
  episodeIds: readonly string[],
): Promise<Map<string, WarningWorkOrder[]>> {
  const out = new Map<string, WarningWorkOrder[]>();
  if (episodeIds.length === 0) return out;
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT work_order_id, episode_id, action, state, priority, due_at FROM work_orders
     WHERE episode_id IN (${episodeIds.map(() => '?').join(', ')})
     ORDER BY priority, COALESCE(due_at, CAST('9999-12-31 00:00:00' AS DATETIME(3))), work_order_id`,
    [...episodeIds],
  );
  for (const row of rows) {
    const id = String(row['episode_id']);
    const due = row['due_at'] as unknown;
    out.set(id, [
      ...(out.get(id) ?? []),
      {
        workOrderId: String(row['work_order_id']),
        action: row['action'] as WarningWorkOrder['action'],
        state: row['state'] as WarningWorkOrder['state'],
        priority: Number(row['priority']),
        dueAt: due === null || due === undefined ? null : epochMs(due),
      },
    ]);
  }
  return out;
}

/**
 * The open alert episodes as warnings for the planner (issue #18): soonest expected failure first, those without
 * an estimate last, each with its asset's latest horizon risk and its work orders; filtered by site, line and band,
 * keyset-paginated.
 */
export async function listFleetWarnings(
  pool: Pool,
  query: FleetWarningsQuery,
  options: { readonly nowMs: number },
): Promise<FleetWarnings> {
  const filters = assetFilterConditions({ siteId: query.siteId, lineId: query.lineId });
  const where = [`e.state = 'open'`, ...filters.where];
  const params: unknown[] = [...filters.params];
  if (query.band !== undefined) {
    where.push('e.band = ?');
    params.push(query.band);
  }
  if (query.cursor !== undefined) {
    const [failureMs, episodeId] = decodeCursor(query.cursor, ['number', 'string'] as const, 96);
    const failure = new Date(failureMs);
    where.push(`(${FAILURE_KEY_SQL} > ? OR (${FAILURE_KEY_SQL} = ? AND e.episode_id > ?))`);
    params.push(failure, failure, episodeId);
  }
  params.push(query.limit + 1);
  try {
    const [rows] = await pool.query<RowDataPacket[]>(
      `${SELECT_WARNINGS} WHERE ${where.join(' AND ')}
       ORDER BY ${FAILURE_KEY_SQL}, e.episode_id LIMIT ?`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const [risks, workOrders] = await Promise.all([
      readLatestHorizonRisks(
        pool,
        page.map((r) => String(r['asset_id'])),
      ),
      readEpisodeWorkOrders(
        pool,
        page.map((r) => String(r['episode_id'])),
      ),
    ]);
    const items = page.map((row): FleetWarning => {
      const episodeId = String(row['episode_id']);
      const assetId = String(row['asset_id']);
      return {
        episodeId,
        assetId,
        assetType: strOrNull(row['asset_type']),
        siteId: strOrNull(row['site_id']),
        lineId: strOrNull(row['line_id']),
        band: row['band'] as EpisodeBand,
        openedAt: epochMs(row['opened_at']),
        lastHighAt: epochMs(row['last_high_at']),
        peakProbability: Number(row['peak_probability']),
        peakAt: epochMs(row['peak_at']),
        ...episodeForecast(row),
        horizonRisk: risks.get(assetId) ?? null,
        workOrders: workOrders.get(episodeId) ?? [],
      };
    });
    const last = items[items.length - 1];
    return {
      asOf: options.nowMs,
      items,
      nextCursor:
        rows.length > query.limit && last !== undefined
          ? encodeCursor([last.expectedFailureAt ?? NO_ESTIMATE_MS, last.episodeId])
          : null,
    };
  } catch (err: unknown) {
    throw readFailed('alert_episodes', err);
  }
}

/** The horizon risks of one asset in [from, to), oldest first, in the primary-key range; keyset-paginated. */
export async function readHorizonRiskSeries(
  pool: Pool,
  assetId: string,
  query: HorizonRiskQuery,
): Promise<HorizonRiskPage> {
  if (query.from >= query.to)
    throw badRequest('/query/to', `must be after from (${String(query.from)}), got ${String(query.to)}`);
  const params: unknown[] = [assetId, new Date(query.from), new Date(query.to)];
  let after = '';
  if (query.cursor !== undefined) {
    const [afterMs] = decodeCursor(query.cursor, ['number'] as const);
    after = ' AND recorded_at > ?';
    params.push(new Date(afterMs));
  }
  params.push(query.limit + 1);
  let rows: RowDataPacket[];
  try {
    [rows] = await pool.query<RowDataPacket[]>(
      `SELECT recorded_at, model_id, horizon_minutes, risk, expected_minutes_to_failure FROM horizon_risks
       WHERE asset_id = ? AND recorded_at >= ? AND recorded_at < ?${after}
       ORDER BY recorded_at LIMIT ?`,
      params,
    );
  } catch (err: unknown) {
    throw readFailed('horizon_risks', err);
  }
  const points = rows.slice(0, query.limit).map(toHorizonRisk);
  const last = points[points.length - 1];
  return {
    assetId,
    from: query.from,
    to: query.to,
    points,
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.recordedAt]) : null,
  };
}
