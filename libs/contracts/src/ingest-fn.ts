import { DEFAULT_EPISODE_SETTINGS } from '@lakehouse/domain';
import { Type } from '@sinclair/typebox';
import { LogLevelSchema, OciAccessSchema } from './oci-access.js';
import { SQL_FROM_INFRA, SQL_SECRETS, SqlEnvSchema } from './sql-connection.js';
import { defineWorkloadContract } from './workload-contract.js';

/** Settings of the ingest function (Fn application + function configuration), MySQL connection included. */
export const IngestEnvSchema = Type.Object({
  ...SqlEnvSchema.properties,
  ...OciAccessSchema.properties,
  LOG_LEVEL: LogLevelSchema,
  /** Largest decoded message value accepted; OCI Streaming's own limit is 1 MiB. */
  INGEST_MAX_MESSAGE_BYTES: Type.Integer({ minimum: 1_024, maximum: 6_291_456, default: 1_048_576 }),
  /** How far in the future a reading's timestamp may lie (device clock skew). */
  INGEST_MAX_FUTURE_SKEW_MS: Type.Integer({ minimum: 0, maximum: 86_400_000, default: 300_000 }),
  /** How often a warm instance checks the registry for a newly activated model. */
  MODEL_REFRESH_MS: Type.Integer({ minimum: 1_000, maximum: 3_600_000, default: 30_000 }),
  /**
   * How readings are written: `load-data` tries `LOAD DATA LOCAL INFILE ... IGNORE` for batches of new readings (about
   * three times cheaper for the server) and falls back to the upsert for redeliveries, and for good if the server
   * refuses LOCAL INFILE; `upsert` always uses the multi-row upsert.
   */
  INGEST_WRITE_PATH: Type.Union([Type.Literal('load-data'), Type.Literal('upsert')], {
    default: 'load-data',
  }),
  /** Alert episodes (issue #17): probability at or above which a reading counts towards opening an episode. */
  ALERT_OPEN_THRESHOLD: Type.Number({
    exclusiveMinimum: 0,
    maximum: 1,
    default: DEFAULT_EPISODE_SETTINGS.openThreshold,
  }),
  /** Probability below which a reading counts towards resolving it (hysteresis; below the open threshold). */
  ALERT_RESOLVE_THRESHOLD: Type.Number({
    minimum: 0,
    maximum: 1,
    default: DEFAULT_EPISODE_SETTINGS.resolveThreshold,
  }),
  /** Hold in consecutive scored readings before an episode opens or escalates; default 3 unless the hold is in seconds. */
  ALERT_HOLD_READINGS: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  /** Hold in seconds of reading time instead of readings (set one of the two). */
  ALERT_HOLD_SECONDS: Type.Optional(Type.Number({ minimum: 0, maximum: 86_400 })),
  /** Reading time the risk must stay below the resolve threshold before the episode resolves. */
  ALERT_RESOLVE_AFTER_MS: Type.Integer({
    minimum: 0,
    maximum: 86_400_000,
    default: DEFAULT_EPISODE_SETTINGS.resolveAfterMs,
  }),
});

/** The ingest function behind Connector Hub (apps/ingest-fn), deployed by infra's functions stack. */
export const INGEST_FN_CONTRACT = defineWorkloadContract({
  workload: 'ingest-fn',
  host: 'oci-functions',
  schema: IngestEnvSchema,
  secrets: [...SQL_SECRETS],
  fromInfra: [...SQL_FROM_INFRA, 'OCI_AUTH', 'LOG_LEVEL'],
});
