import { ConfigError, parseConfig } from '@lakehouse/runtime';
import { loadSqlConfig, type SqlConfig } from '@lakehouse/sql';
import { Type } from '@sinclair/typebox';

/** Environment of ml-train besides the MYSQL_* connection variables (libs/sql/README.md). */
export const MlTrainEnvSchema = Type.Object({
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  /** Registry name of the models this app trains. */
  ML_MODEL_NAME: Type.String({ pattern: '^[A-Za-z0-9._-]{1,128}$', default: 'machine-failure' }),
  /** Stratified folds of the cross-validation that `train` runs before fitting; 0 skips it. */
  ML_CV_FOLDS: Type.Integer({ minimum: 0, maximum: 20, default: 3 }),
  /** `train` from MySQL: only about the newest N labelled readings (a recent window of the history); unset = all. */
  ML_TRAIN_NEWEST_ROWS: Type.Optional(Type.Integer({ minimum: 100, maximum: 100_000_000 })),
  /** Also train the horizon model (risk of a failure within each horizon) from the labelled history in MySQL. */
  ML_HORIZON: Type.Boolean({ default: true }),
  /** Horizons of the horizon model, minutes of operation, ascending, comma separated. */
  ML_HORIZONS_MINUTES: Type.String({ pattern: '^[0-9]{1,5}(,[0-9]{1,5}){0,7}$', default: '60,480' }),
  /** The horizon whose risk drives alert episodes; one of ML_HORIZONS_MINUTES. @default the longest */
  ML_HORIZON_ALERT_MINUTES: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_080 })),
  /** Make a freshly trained model the active one. */
  ML_ACTIVATE: Type.Boolean({ default: true }),
  /** Also train with HeatWave AutoML when the server has it (the in-process model is trained either way). */
  ML_HEATWAVE_AUTOML: Type.Boolean({ default: true }),
});

/** ml-train's settings. */
export interface MlTrainConfig {
  readonly logLevel: string;
  readonly modelName: string;
  readonly cvFolds: number;
  readonly trainNewestRows?: number;
  readonly activate: boolean;
  readonly heatwaveAutoMl: boolean;
  /** Null: no horizon model. */
  readonly horizon: { readonly minutes: readonly number[]; readonly alertMinutes: number } | null;
  readonly sql: SqlConfig;
}

/** Reads and checks the environment; throws CONFIG_INVALID naming every bad key. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): MlTrainConfig {
  const raw = parseConfig(MlTrainEnvSchema, env);
  const minutes = raw.ML_HORIZONS_MINUTES.split(',').map(Number);
  const problems: string[] = [];
  if (minutes.some((m, i) => m < 1 || m > 10_080 || (i > 0 && m <= (minutes[i - 1] as number)))) {
    problems.push(
      `ML_HORIZONS_MINUTES: must be ascending minutes in 1..10080, got "${raw.ML_HORIZONS_MINUTES}"`,
    );
  }
  const alertMinutes = raw.ML_HORIZON_ALERT_MINUTES ?? Math.max(...minutes);
  if (!minutes.includes(alertMinutes)) {
    problems.push(
      `ML_HORIZON_ALERT_MINUTES: must be one of ML_HORIZONS_MINUTES (${minutes.join(', ')}), got ${String(alertMinutes)}`,
    );
  }
  if (problems.length > 0) {
    throw new ConfigError('CONFIG_INVALID', `invalid configuration: ${problems.join('; ')}`, {
      context: { keys: ['ML_HORIZONS_MINUTES', 'ML_HORIZON_ALERT_MINUTES'] },
    });
  }
  return Object.freeze({
    logLevel: raw.LOG_LEVEL,
    modelName: raw.ML_MODEL_NAME,
    cvFolds: raw.ML_CV_FOLDS === 1 ? 0 : raw.ML_CV_FOLDS,
    ...(raw.ML_TRAIN_NEWEST_ROWS === undefined ? {} : { trainNewestRows: raw.ML_TRAIN_NEWEST_ROWS }),
    activate: raw.ML_ACTIVATE,
    heatwaveAutoMl: raw.ML_HEATWAVE_AUTOML,
    horizon: raw.ML_HORIZON ? Object.freeze({ minutes, alertMinutes }) : null,
    sql: loadSqlConfig(env),
  });
}
