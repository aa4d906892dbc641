import { DEFAULT_EPISODE_SETTINGS } from '@lakehouse/domain';
import { createLogger } from '@lakehouse/runtime';
import { FEATURE_NAMES, activateModel, registerModel, serializeArtifact } from '@lakehouse/scoring';
import { stumpArtifact } from '@lakehouse/scoring/testing';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import { fuzzRun } from '@lakehouse/testing';
import fc from 'fast-check';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestConfig } from './config.js';
import { createIngestHandler } from './create-ingest-handler.js';
import type { IngestResult } from './ingest-delivery.js';
import { registryFromScoring } from './model-registry.js';
import {
  brokenBody,
  buildMessages,
  deliveryBody,
  messageSpec,
  outcomeOf,
  type BuiltMessage,
} from './testing/delivery-arbitrary.js';

/*
 * Issue #20, fuzzing from the contracts: generated Connector Hub deliveries (valid, truncated, mutated bytes, bad
 * base64, non-UTF-8, JSON that is not an object, values nested thousands deep, duplicate keys, broken envelopes)
 * through the function's handler into a throwaway schema. Every record must end stored once or dead-lettered once
 * with a reason, a redelivery must change nothing, and the handler must never throw for bad data (only a database
 * failure fails a delivery). See docs/adr/0048-fuzzing-from-the-contracts.md.
 */
const RUN = fuzzRun(process.env, 20_0048, 500);
const NOW_MS = Date.now();
const MAX_MESSAGE_BYTES = 65_536;

let db: TestDatabase;
let handler: (body: Buffer) => Promise<IngestResult>;
let offset = 1_000_000;

beforeAll(async () => {
  db = await openTestDatabase();
  const { modelId } = await registerModel(db.pool, {
    name: 'fuzz-stump',
    algorithm: 'gbdt-logistic',
    parameters: {},
    features: [...FEATURE_NAMES],
    trainingFingerprint: 'f'.repeat(64),
    metrics: {},
    decisionThreshold: 0.5,
    artifact: serializeArtifact(stumpArtifact()),
  });
  await activateModel(db.pool, modelId);
  handler = createIngestHandler({
    config: {
      modelRefreshMs: 60_000,
      writePath: 'load-data',
      maxMessageBytes: MAX_MESSAGE_BYTES,
      maxFutureSkewMs: 300_000,
      episodes: DEFAULT_EPISODE_SETTINGS,
    } as IngestConfig,
    pool: db.pool,
    logger: createLogger({ name: 'delivery-fuzz', level: 'silent' }),
    registry: registryFromScoring,
    now: () => NOW_MS,
  });
});
afterAll(async () => {
  await db?.close();
});

async function count(sql: string, params: unknown[]): Promise<number> {
  const [rows] = await db.pool.query<RowDataPacket[]>(sql, params);
  return Number(rows[0]?.['n'] ?? 0);
}

/**
 * Stored readings and dead letters of one message, and whether every letter has a reason. A letter is the message's
 * by its stream offset, by its marker when the offset itself was broken, or by its position when its entry could
 * only be kept as the whole delivery body.
 */
async function endsOf(m: BuiltMessage, body: Buffer) {
  const stored = await count('SELECT COUNT(*) AS n FROM readings WHERE stream_offset = ?', [m.offset]);
  // Scanning raw payloads is slow (too_large letters hold 64 KB each): only for the messages that need it.
  const how = m.spec.kind === 'bad-envelope' ? m.spec.how : null;
  const [mine, params] =
    how === 'deep'
      ? ['raw_payload = ? AND record_index = ? AND stream_offset IS NULL', [body, m.messageIndex]]
      : how === 'offset' || how === 'entry'
        ? [
            "stream_offset IS NULL AND raw_payload <> ? AND raw_payload LIKE CONCAT('%', ?, '%')",
            [body, `"${m.marker}`],
          ]
        : ['stream_offset = ?', [m.offset]];
  const letters = await count(`SELECT COUNT(*) AS n FROM dead_letters WHERE ${mine}`, params);
  const unexplained = await count(
    `SELECT COUNT(*) AS n FROM dead_letters WHERE ${mine} AND (primary_reason = '' OR JSON_LENGTH(reasons) = 0)`,
    params,
  );
  return { stored, letters, unexplained };
}

describe(`generated Connector Hub deliveries (seed ${RUN.seed}, ${RUN.numRuns} deliveries)`, () => {
  it('store or dead-letter every record exactly once, with a reason, also when delivered twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Mostly small deliveries; one in twenty is a full batch (Connector Hub batches up to its size limit).
        fc.oneof(
          { weight: 19, arbitrary: fc.array(messageSpec, { minLength: 1, maxLength: 8 }) },
          { weight: 1, arbitrary: fc.array(messageSpec, { minLength: 50, maxLength: 200 }) },
        ),
        fc.boolean(),
        async (specs, isRedelivered) => {
          const messages = buildMessages(specs, {
            nowMs: NOW_MS,
            maxMessageBytes: MAX_MESSAGE_BYTES,
            nextOffset: () => (offset += 1),
          });
          const body = deliveryBody(messages);
          const first = await handler(body);
          const ends = await Promise.all(messages.map((m) => endsOf(m, body)));
          if (isRedelivered) {
            const again = await handler(body);
            expect(again.stored + again.deadLettered).toBe(first.stored + first.deadLettered);
            expect(again.newDeadLetters, 'a redelivery adds no dead letter').toBe(0);
            expect(
              await Promise.all(messages.map((m) => endsOf(m, body))),
              'a redelivery changes nothing',
            ).toEqual(ends);
          }
          messages.forEach((m, i) => {
            const end = ends[i];
            const expected = outcomeOf(m.spec);
            const what = `${JSON.stringify(m.spec).slice(0, 200)} at offset ${m.offset} (${RUN.replay})`;
            expect(end?.unexplained, `${what}: a dead letter without a reason`).toBe(0);
            if ('exactlyOneRecord' in expected) {
              expect((end?.stored ?? 0) + (end?.letters ?? 0), `${what}: one record, one end`).toBe(1);
            } else {
              expect({ stored: end?.stored, letters: end?.letters }, what).toEqual(expected);
            }
          });
        },
      ),
      { seed: RUN.seed, numRuns: RUN.numRuns, endOnFailure: true },
    );
  });

  it('turn a body that is not a delivery into one malformed_delivery dead letter holding it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(messageSpec, { minLength: 1, maxLength: 4 }),
        brokenBody,
        async (specs, damage) => {
          const messages = buildMessages(specs, {
            nowMs: NOW_MS,
            maxMessageBytes: MAX_MESSAGE_BYTES,
            nextOffset: () => (offset += 1),
          });
          const marker = `FZB${(offset += 1)}`;
          const body = damage(deliveryBody(messages), marker);
          const result = await handler(body);
          expect(result).toMatchObject({ messages: 0, stored: 0, deadLettered: 1 });
          const [rows] = await db.pool.query<RowDataPacket[]>(
            'SELECT primary_reason, source FROM dead_letters WHERE raw_payload = ?',
            [body],
          );
          expect(rows, `${body.subarray(0, 120).toString('latin1')} (${RUN.replay})`).toEqual([
            { primary_reason: 'malformed_delivery', source: 'connector' },
          ]);
          for (const m of messages) expect((await endsOf(m, body)).stored).toBe(0);
        },
      ),
      { seed: RUN.seed, numRuns: Math.ceil(RUN.numRuns / 5), endOnFailure: true },
    );
  });
});
