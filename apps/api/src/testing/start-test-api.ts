import { DEFAULT_EPISODE_SETTINGS, type EpisodeSettings, type Reading } from '@lakehouse/domain';
import { createLogger } from '@lakehouse/runtime';
import { registerModel, activateModel, serializeArtifact } from '@lakehouse/scoring';
import { stumpArtifact } from '@lakehouse/scoring/testing';
import {
  ensureAlertAssetStates,
  foldEpisodeBatch,
  upsertAssetsFromReadings,
  upsertReadings,
} from '@lakehouse/sql';
import { openTestDatabase } from '@lakehouse/sql/testing';
import type { Pool } from 'mysql2/promise';
import { buildApp, type ApiApp } from '../app.js';
import { createApiKey } from '../auth/api-keys.js';
import { loadConfig, type ApiConfig } from '../config.js';

/** A running API on a throwaway schema, for integration and browser tests. */
export interface TestApi {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly baseUrl: string;
  /** Key with read and admin scopes (what an operator's dashboard uses). */
  readonly apiKey: string;
  /** Key with the read scope only. */
  readonly readApiKey: string;
  readonly app: ApiApp;
  /** Pool on the throwaway schema: seed or inspect data with it. */
  readonly pool: Pool;
  readonly database: string;
  readonly config: ApiConfig;
  /** Registry id of the active test model (libs/scoring's stump model). */
  readonly modelId: number;
  /** Stores readings (scored with `failureProbability` when given) and updates their assets, as ingest does. */
  seed(readings: readonly SeedReading[]): Promise<void>;
  close(): Promise<void>;
}

/** A reading to seed, with the probability ingest would have stored. */
export interface SeedReading {
  readonly reading: Reading;
  readonly failureProbability?: number | null;
}

/** Options of {@link startTestApi}. */
export interface StartTestApiOptions {
  /** Extra env over the test defaults (e.g. API_RATE_LIMIT_MAX, API_LIVE_POLL_MS, API_WEB_DIR). */
  readonly env?: Readonly<Record<string, string>>;
  /** Listen on 127.0.0.1:0 (default) or only build for `inject()`. @default true */
  readonly listen?: boolean;
  /** Readings to store before the app starts. */
  readonly seed?: readonly SeedReading[];
  /** Clock of the app. @default Date.now */
  readonly now?: () => number;
  /** Where log lines go (pino JSON lines). @default stdout */
  readonly logDestination?: { write(line: string): void };
  /** How seeded readings fold into alert episodes. @default DEFAULT_EPISODE_SETTINGS */
  readonly episodeSettings?: EpisodeSettings;
}

/**
 * Stores readings and their assets the way ingest does (upsert + assets.last_seen_at), and folds the scored ones
 * into alert episodes in the same transaction, as the ingest function does.
 */
export async function seedReadings(
  pool: Pool,
  readings: readonly SeedReading[],
  modelId: number,
  episodeSettings: EpisodeSettings = DEFAULT_EPISODE_SETTINGS,
  nowMs: number = Date.now(),
): Promise<void> {
  if (readings.length === 0) return;
  const rows = readings.map((r) => ({
    reading: r.reading,
    source: 'stream' as const,
    failureProbability: r.failureProbability ?? null,
    modelId: r.failureProbability === undefined || r.failureProbability === null ? null : modelId,
  }));
  await ensureAlertAssetStates(
    pool,
    rows.map((r) => r.reading.assetId),
    new Set(),
  );
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    await upsertReadings(connection, rows);
    await upsertAssetsFromReadings(
      connection,
      readings.map((r) => r.reading),
    );
    await foldEpisodeBatch(connection, rows, { settings: episodeSettings, nowMs });
    await connection.commit();
  } catch (err: unknown) {
    await connection.rollback().catch(() => undefined);
    throw err;
  } finally {
    connection.release();
  }
}

/**
 * Starts the API on a migrated throwaway schema of the local MariaDB (LAKEHOUSE_MARIADB_PORT), with the stump test
 * model active and two API keys, listening on an ephemeral port. Call `close()` in afterAll.
 */
export async function startTestApi(options: StartTestApiOptions = {}): Promise<TestApi> {
  const db = await openTestDatabase({ poolSize: 4 });
  try {
    const config = await loadConfig({
      MYSQL_HOST: db.connection.host,
      MYSQL_PORT: String(db.connection.port),
      MYSQL_USER: db.connection.user,
      MYSQL_PASSWORD: db.connection.password,
      MYSQL_DATABASE: db.connection.database,
      LOG_LEVEL: 'warn',
      API_PORT: '0',
      API_HOST: '127.0.0.1',
      API_RATE_LIMIT_MAX: '100000',
      // Tests send many bad credentials from one address (inject's 127.0.0.1); the lockout test lowers it again.
      API_AUTH_FAIL_MAX: '100000',
      API_LIVE_POLL_MS: '200',
      // The tool-life planner writes work orders; tests run its rounds themselves (ToolLifePlanner.runOnce).
      WORK_ORDER_PLAN_INTERVAL_MS: '86400000',
      ...options.env,
    });
    const { modelId } = await registerModel(db.pool, {
      name: 'stump-test',
      algorithm: 'gbdt-logistic',
      parameters: {},
      features: stumpArtifact().features,
      trainingFingerprint: '0'.repeat(64),
      metrics: { auc: 0.9 },
      decisionThreshold: 0.5,
      artifact: serializeArtifact(stumpArtifact()),
    });
    await activateModel(db.pool, modelId);
    const admin = await createApiKey(db.pool, { name: 'test-admin', scopes: ['read', 'admin'] });
    const reader = await createApiKey(db.pool, { name: 'test-read', scopes: ['read'] });
    if (options.seed !== undefined) {
      await seedReadings(db.pool, options.seed, modelId, options.episodeSettings, options.now?.());
    }
    const logger = createLogger(
      { name: 'api-test', level: config.logLevel },
      options.logDestination === undefined
        ? undefined
        : { write: (line) => options.logDestination?.write(line) },
    );
    const app = await buildApp({
      config,
      logger,
      pool: db.pool,
      ...(options.now ? { now: options.now } : {}),
    });
    let baseUrl = '';
    if (options.listen !== false) {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('test API has no TCP address');
      baseUrl = `http://127.0.0.1:${address.port}`;
    } else {
      await app.ready();
    }
    return {
      baseUrl,
      apiKey: admin.key,
      readApiKey: reader.key,
      app,
      pool: db.pool,
      database: db.database,
      config,
      modelId,
      seed: (readings) =>
        seedReadings(db.pool, readings, modelId, options.episodeSettings, options.now?.() ?? Date.now()),
      async close() {
        await app.close();
        await db.close();
      },
    };
  } catch (err: unknown) {
    await db.close();
    throw err;
  }
}
