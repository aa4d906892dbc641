import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** `bulk-load generate`: the files it wrote into the raw bucket and the window they cover. */
export const GeneratedHistorySchema = Type.Object({
  files: Type.Array(Type.String()),
  startAt: Type.String(),
  endAt: Type.String(),
  bytes: Type.Number(),
});

/** `bulk-load spark run`: the job's summary (absent when the job printed none). */
export const SparkRunSchema = Type.Object({
  seconds: Type.Optional(Type.Number()),
  summary: Type.Optional(
    Type.Object({ validRows: Type.Number(), rejectedRows: Type.Number(), hourlyRows: Type.Number() }),
  ),
});

/** `bulk-load load`: what the fast loader stored and rejected. */
export const FastLoadSchema = Type.Object({
  rowsLoaded: Type.Optional(Type.Number()),
  rowsRejected: Type.Optional(Type.Number()),
  rowsPerSec: Type.Optional(Type.Number()),
});

/** `ml-train score --history`: readings scored and aggregates rebuilt. */
export const ScoreHistorySchema = Type.Object({
  scored: Type.Optional(Type.Number()),
  hours: Type.Optional(Type.Number()),
  days: Type.Optional(Type.Number()),
  readingsPerSec: Type.Optional(Type.Number()),
});

/** `api create-key`: the key, shown once. */
export const CreatedKeySchema = Type.Object({ key: Type.String({ minLength: 1 }) });

/** The producer's --status-file. */
export const ProducerStatusSchema = Type.Object({
  readings: Type.Optional(Type.Number()),
  done: Type.Optional(Type.Boolean()),
});

/** The connector runner's status.json. */
export const RunnerStatusSchema = Type.Object({
  stored: Type.Optional(Type.Number()),
  deadLettered: Type.Optional(Type.Number()),
  lag: Type.Optional(Type.Number()),
});

/** GET /api/v1/alert-episodes/summary. */
export const AlertSummarySchema = Type.Object({
  open: Type.Number(),
  openHigh: Type.Number(),
  openedLastMinute: Type.Number(),
  resolvedLastMinute: Type.Number(),
  pendingNotifications: Type.Number(),
});

/** GET /api/v1/models (the fields the status screen shows). */
export const ModelListSchema = Type.Object({
  activeModelId: Type.Union([Type.Number(), Type.Null()]),
  items: Type.Array(Type.Object({ modelId: Type.Number(), name: Type.String(), version: Type.Number() })),
});

/** What the API sends over its IPC channel once it listens. */
export const ListeningMessageSchema = Type.Object({ event: Type.Literal('listening'), port: Type.Number() });

/** A child's output that does not have the shape the demo reads. */
export class ChildOutputError extends Error {
  override readonly name = 'ChildOutputError';
}

/** `value` checked against `schema`; the error names `what`, the first bad field and what was wrong with it. */
export function checkOutput<S extends TSchema>(schema: S, value: unknown, what: string): Static<S> {
  if (Value.Check(schema, value)) return value;
  const first = [...Value.Errors(schema, value)][0];
  throw new ChildOutputError(
    `${what}: unexpected output at ${first?.path || '/'}: ${first?.message ?? 'unknown'} (got ${JSON.stringify(value)?.slice(0, 200) ?? 'nothing'})`,
  );
}

/** The last line of a child's stdout (where every CLI of the workspace prints its JSON result), checked. */
export function lastJsonLine<S extends TSchema>(schema: S, stdout: string, what: string): Static<S> {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ChildOutputError(
      `${what}: expected a JSON line last, got ${JSON.stringify(line.slice(0, 200))}`,
    );
  }
  return checkOutput(schema, value, what);
}

/** `value` when it has the shape of `schema`, else null (a status file half written or not there yet). */
export function ifShaped<S extends TSchema>(schema: S, value: unknown): Static<S> | null {
  return Value.Check(schema, value) ? value : null;
}
