import { AppError, UpstreamError, type ErrorCode, type Logger } from '@lakehouse/runtime';
import {
  MIGRATIONS,
  MIGRATIONS_TABLE,
  detectServer,
  migrate,
  quoteIdentifier,
  type ServerKind,
} from '@lakehouse/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { AUTOML_PERFORMANCE_TABLES, appGrants } from './app-grants.js';
import type { BootstrapConfig } from './config.js';
import { accountSql, parseShowGrants, planGrantChanges } from './grant-plan.js';
import { mysqlFailure, openPool, runSecretStatement } from './sql-session.js';

/** The steps, in order; each one logs a line when it is done. */
export const BOOTSTRAP_STEPS = ['connect', 'schema', 'user', 'grants', 'migrate', 'verify'] as const;
/** One of {@link BOOTSTRAP_STEPS}. */
export type BootstrapStep = (typeof BOOTSTRAP_STEPS)[number];

/** What one run did. */
export interface BootstrapResult {
  readonly server: ServerKind;
  readonly serverVersion: string;
  readonly schemaCreated: boolean;
  readonly userCreated: boolean;
  /** The user existed and its password was not the one in Vault: it was set to it. */
  readonly passwordChanged: boolean;
  readonly grantStatements: readonly string[];
  /** `applied`, `skipped` (asked for, but the server is not HeatWave) or `off`. */
  readonly autoMlGrants: 'applied' | 'skipped' | 'off';
  readonly migrationsApplied: readonly number[];
  readonly migrationsAlreadyApplied: number;
  /** Whether the server allows LOAD DATA LOCAL INFILE (the ingest function's fast path). */
  readonly localInfile: boolean;
}

/** Runs `fn` as step `name`: a failure names the step, keeps its code and cause, and whether a retry may help. */
async function inStep<T>(name: BootstrapStep, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err: unknown) {
    const code: ErrorCode = err instanceof AppError ? err.code : 'SQL_WRITE_FAILED';
    throw new UpstreamError(code, `step ${name}: ${mysqlFailure(err).message}`, {
      cause: err,
      retryable: err instanceof AppError && err.retryable,
      context: { step: name },
    });
  }
}

async function rows(
  pool: Pool,
  sql: string,
  values: readonly (string | readonly string[])[] = [],
): Promise<RowDataPacket[]> {
  const [result] = await pool.query<RowDataPacket[]>(
    sql,
    values.map((v) => (typeof v === 'string' ? v : [...v])),
  );
  return result;
}

/** Tries to log in as the app user; true when the password works, false when MySQL refuses it. */
async function passwordWorks(config: BootstrapConfig): Promise<boolean> {
  try {
    const pool = await openPool(
      { ...config.admin, user: config.app.user, password: config.app.password },
      false,
    );
    await pool.end();
    return true;
  } catch (err: unknown) {
    if (err instanceof AppError && err.context['mysqlCode'] === 'ER_ACCESS_DENIED_ERROR') return false;
    throw err;
  }
}

/**
 * Brings the DB system to what the applications expect, idempotently (it runs at every deploy): the schema exists;
 * the app user exists and its password is the one in Vault (so a new Vault version is picked up: rotation); the
 * app user holds exactly the least-privilege grants (plus AutoML's on HeatWave when asked) and nothing else; every
 * migration is applied, as the admin; and the app user can log in and read the schema. Logs one line per step.
 */
export async function bootstrapDatabase(
  config: BootstrapConfig,
  deps: { readonly logger: Logger },
): Promise<BootstrapResult> {
  const log = deps.logger.child({ module: 'bootstrap' });
  const { admin, app } = config;
  const schema = admin.database;
  const account = accountSql(app.user, app.host);
  // Every pool opened, closed at the end whatever happens.
  const pools: Pool[] = [];
  const open = async (...args: Parameters<typeof openPool>): Promise<Pool> => {
    const opened = await openPool(...args);
    pools.push(opened);
    return opened;
  };
  try {
    const { pool, server } = await inStep('connect', async () => {
      const adminPool = await open(admin, false);
      return { pool: adminPool, server: await detectServer(adminPool) };
    });
    log.info(
      {
        step: 'connect',
        host: admin.host,
        user: admin.user,
        tls: admin.tlsMode,
        server: server.kind,
        version: server.version,
      },
      'connected as admin',
    );

    const schemaCreated = await inStep('schema', async () => {
      const found = await rows(
        pool,
        'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [schema],
      );
      if (found.length > 0) return false;
      await pool.query(`CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(schema)} CHARACTER SET utf8mb4`);
      return true;
    });
    log.info(
      { step: 'schema', schema, created: schemaCreated },
      schemaCreated ? 'schema created' : 'schema exists',
    );

    const user = await inStep('user', async () => {
      const created = await runSecretStatement(
        pool,
        'CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?',
        [app.user, app.host, app.password],
        { what: `CREATE USER ${account}`, secret: app.password },
      );
      // With IF NOT EXISTS an existing account is a warning (MySQL 3163, MariaDB note 1973), not an error.
      if (created.warningStatus === 0) return { created: true, passwordChanged: false };
      if (await passwordWorks(config)) return { created: false, passwordChanged: false };
      await runSecretStatement(pool, 'ALTER USER ?@? IDENTIFIED BY ?', [app.user, app.host, app.password], {
        what: `ALTER USER ${account}`,
        secret: app.password,
      });
      return { created: false, passwordChanged: true };
    });
    log.info(
      { step: 'user', account, created: user.created, passwordChanged: user.passwordChanged },
      user.created
        ? 'app user created with the Vault password'
        : user.passwordChanged
          ? 'app user password set to the current Vault value'
          : 'app user exists; password is the current Vault value',
    );

    const autoMl: BootstrapResult['autoMlGrants'] = !config.grantAutoMl
      ? 'off'
      : server.kind === 'heatwave'
        ? 'applied'
        : 'skipped';
    if (autoMl === 'skipped') {
      log.warn(
        { step: 'grants', server: server.kind },
        `AutoML grants skipped: the server is ${server.kind}, not HeatWave`,
      );
    }
    const grantStatements = await inStep('grants', async () => {
      const performanceTables =
        autoMl === 'applied'
          ? (
              await rows(
                pool,
                "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'performance_schema' AND TABLE_NAME IN (?)",
                [[...AUTOML_PERFORMANCE_TABLES]],
              )
            ).map((r) => String(r['name']).toLowerCase())
          : [];
      const missing = AUTOML_PERFORMANCE_TABLES.filter(
        (t) => autoMl === 'applied' && !performanceTables.includes(t),
      );
      if (missing.length > 0) {
        log.warn({ step: 'grants', missing }, 'performance_schema tables absent on this server: not granted');
      }
      const desired = appGrants({ schema, user: app.user, autoMl: autoMl === 'applied', performanceTables });
      const shown = await rows(pool, 'SHOW GRANTS FOR ?@?', [app.user, app.host]);
      const plan = planGrantChanges(
        parseShowGrants(shown.map((r) => String(Object.values(r)[0]))),
        desired,
        account,
      );
      if (plan.unmanaged.length > 0) {
        log.warn(
          { step: 'grants', count: plan.unmanaged.length },
          'grants the bootstrap does not manage left as they are',
        );
      }
      for (const statement of plan.statements) {
        await pool.query(statement);
        log.info({ step: 'grants', statement }, 'grant changed');
      }
      return plan.statements;
    });
    log.info(
      { step: 'grants', account, changes: grantStatements.length, autoMl },
      grantStatements.length === 0 ? 'grants already least-privilege' : 'grants set to least privilege',
    );

    const migrated = await inStep('migrate', async () => migrate(await open(admin, true), { logger: log }));
    log.info(
      {
        step: 'migrate',
        applied: migrated.applied.map((m) => m.id),
        alreadyApplied: migrated.alreadyApplied,
        known: MIGRATIONS.length,
      },
      migrated.applied.length === 0 ? 'migrations already applied' : 'migrations applied',
    );

    const localInfile = await inStep('verify', async () => {
      const appPool = await open({ ...admin, user: app.user, password: app.password }, true);
      const [row] = await rows(appPool, `SELECT COUNT(*) AS n FROM ${quoteIdentifier(MIGRATIONS_TABLE)}`);
      if (Number(row?.['n']) !== MIGRATIONS.length) {
        throw new AppError(
          'SQL_MIGRATION_FAILED',
          `the app user sees ${String(row?.['n'])} applied migrations, expected ${MIGRATIONS.length}`,
        );
      }
      const [flag] = await rows(pool, 'SELECT @@GLOBAL.local_infile AS v');
      return Number(flag?.['v']) === 1;
    });
    log.info({ step: 'verify', account, schema }, 'app user logs in and reads the schema');
    if (!localInfile) {
      log.warn(
        { step: 'verify' },
        'local_infile is OFF on the server: the ingest function falls back to the upsert (set it in the MySQL configuration)',
      );
    }
    return {
      server: server.kind,
      serverVersion: server.version,
      schemaCreated,
      userCreated: user.created,
      passwordChanged: user.passwordChanged,
      grantStatements,
      autoMlGrants: autoMl,
      migrationsApplied: migrated.applied.map((m) => m.id),
      migrationsAlreadyApplied: migrated.alreadyApplied,
      localInfile,
    };
  } finally {
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  }
}
