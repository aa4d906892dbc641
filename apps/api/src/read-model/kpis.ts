import { atOrAboveRiskBandSql } from '@lakehouse/domain';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { KpiQuery, Kpis, RiskGroup } from '../schemas/kpis.js';
import { readFailed } from './stored-reading.js';
import { assetFilterConditions } from './asset-filters.js';

/** Seconds of history behind `readingsPerSecond`. */
export const READING_RATE_WINDOW_S = 60;

function filters(query: KpiQuery): { sql: string; params: unknown[] } {
  const { where, params } = assetFilterConditions(query);
  return { sql: where.join(' AND '), params };
}

/**
 * The current state of the fleet grouped at the finest level (type x site x line): one aggregate over the assets
 * joined to their latest reading by primary key. Sums and counts are additive, so the per-type, per-site and
 * per-line figures and the totals are rolled up from these groups in memory. On HeatWave this is one GROUP BY over
 * two RAPID tables, which the optimizer offloads (see `ANALYTIC_QUERIES`).
 */
export function fleetStateSql(where: string): string {
  return `SELECT a.asset_type, a.site_id, a.line_id,
  COUNT(*) AS assets,
  SUM(CASE WHEN a.last_seen_at >= ? THEN 1 ELSE 0 END) AS operating,
  COUNT(r.failure_probability) AS scored,
  SUM(r.failure_probability) AS sum_p,
  MAX(r.failure_probability) AS max_p,
  SUM(CASE WHEN ${atOrAboveRiskBandSql('r.failure_probability', 'elevated')} THEN 1 ELSE 0 END) AS above_0_6,
  SUM(CASE WHEN ${atOrAboveRiskBandSql('r.failure_probability', 'high')} THEN 1 ELSE 0 END) AS above_0_9,
  COUNT(r.recorded_at) AS with_reading,
  SUM(r.air_temperature_k) AS sum_air,
  SUM(r.process_temperature_k) AS sum_process,
  SUM(r.torque_nm) AS sum_torque,
  SUM(r.tool_wear_min) AS sum_wear
FROM assets a
LEFT JOIN readings r ON r.asset_id = a.asset_id AND r.recorded_at = a.last_seen_at${where === '' ? '' : `\nWHERE ${where}`}
GROUP BY a.asset_type, a.site_id, a.line_id`;
}

/** Readings recorded in a time window, through the `readings_recorded_at` index (joined to assets when filtered). */
export function readingRateSql(where: string): string {
  return where === ''
    ? 'SELECT COUNT(*) AS n FROM readings r WHERE r.recorded_at > ? AND r.recorded_at <= ?'
    : `SELECT COUNT(*) AS n FROM readings r JOIN assets a ON a.asset_id = r.asset_id
       WHERE r.recorded_at > ? AND r.recorded_at <= ? AND ${where}`;
}

interface Group {
  assets: number;
  scored: number;
  sumP: number;
  maxP: number | null;
  above06: number;
  above09: number;
}

const emptyGroup = (): Group => ({ assets: 0, scored: 0, sumP: 0, maxP: null, above06: 0, above09: 0 });

function add(into: Group, row: RowDataPacket): void {
  into.assets += Number(row['assets']);
  into.scored += Number(row['scored']);
  into.sumP += Number(row['sum_p'] ?? 0);
  const max = row['max_p'] === null ? null : Number(row['max_p']);
  if (max !== null && (into.maxP === null || max > into.maxP)) into.maxP = max;
  into.above06 += Number(row['above_0_6'] ?? 0);
  into.above09 += Number(row['above_0_9'] ?? 0);
}

function toRiskGroups(groups: Map<string, Group>): RiskGroup[] {
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({
      key,
      assets: g.assets,
      meanFailureProbability: g.scored === 0 ? null : g.sumP / g.scored,
      maxFailureProbability: g.maxP,
      above0_6: g.above06,
      above0_9: g.above09,
    }));
}

/** Fleet KPIs for the dashboard: two statements, both bounded by the fleet size or the last minute of readings. */
export async function readKpis(
  pool: Pool,
  query: KpiQuery,
  options: { readonly nowMs: number; readonly operatingWindowMs: number },
): Promise<Kpis> {
  const { sql: where, params } = filters(query);
  const now = new Date(options.nowMs);
  let rows: RowDataPacket[];
  let rateRows: RowDataPacket[];
  try {
    [[rows], [rateRows]] = await Promise.all([
      pool.query<RowDataPacket[]>(fleetStateSql(where), [
        new Date(options.nowMs - options.operatingWindowMs),
        ...params,
      ]),
      pool.query<RowDataPacket[]>(readingRateSql(where), [
        new Date(options.nowMs - READING_RATE_WINDOW_S * 1000),
        now,
        ...params,
      ]),
    ]);
  } catch (err: unknown) {
    throw readFailed('readings', err);
  }
  const total = emptyGroup();
  const byType = new Map<string, Group>();
  const bySite = new Map<string, Group>();
  const byLine = new Map<string, Group>();
  let operating = 0;
  let withReading = 0;
  let sumAir = 0;
  let sumProcess = 0;
  let sumTorque = 0;
  let sumWear = 0;
  const groupOf = (map: Map<string, Group>, key: string): Group => {
    let g = map.get(key);
    if (g === undefined) {
      g = emptyGroup();
      map.set(key, g);
    }
    return g;
  };
  for (const row of rows) {
    add(total, row);
    add(groupOf(byType, String(row['asset_type'])), row);
    add(groupOf(bySite, (row['site_id'] as string | null) ?? '(none)'), row);
    add(groupOf(byLine, (row['line_id'] as string | null) ?? '(none)'), row);
    operating += Number(row['operating'] ?? 0);
    withReading += Number(row['with_reading']);
    sumAir += Number(row['sum_air'] ?? 0);
    sumProcess += Number(row['sum_process'] ?? 0);
    sumTorque += Number(row['sum_torque'] ?? 0);
    sumWear += Number(row['sum_wear'] ?? 0);
  }
  const mean = (sum: number): number | null => (withReading === 0 ? null : sum / withReading);
  return {
    asOf: options.nowMs,
    assets: total.assets,
    operatingAssets: operating,
    operatingWindowMs: options.operatingWindowMs,
    readingsPerSecond: Number(rateRows[0]?.['n'] ?? 0) / READING_RATE_WINDOW_S,
    above0_6: total.above06,
    above0_9: total.above09,
    meanFailureProbability: total.scored === 0 ? null : total.sumP / total.scored,
    meanAirTemperatureK: mean(sumAir),
    meanProcessTemperatureK: mean(sumProcess),
    meanTorqueNm: mean(sumTorque),
    meanToolWearMin: mean(sumWear),
    riskByType: toRiskGroups(byType),
    riskBySite: toRiskGroups(bySite),
    riskByLine: toRiskGroups(byLine),
  };
}
