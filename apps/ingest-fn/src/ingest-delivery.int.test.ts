import { DEFAULT_EPISODE_SETTINGS, toStreamMessage, type Reading } from '@lakehouse/domain';
import { createLogger } from '@lakehouse/runtime';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import { createPool, type RowDataPacket } from 'mysql2/promise';
import { readStackSettings, stackDir } from '@lakehouse/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_NAMES, activateModel, registerModel, serializeArtifact } from '@lakehouse/scoring';
import { stumpArtifact } from '@lakehouse/scoring/testing';
import type { IngestConfig } from './config.js';
import { createIngestHandler } from './create-ingest-handler.js';
import { ingestDelivery, type ActiveModel, type IngestDependencies } from './ingest-delivery.js';
import { registryFromScoring } from './model-registry.js';
import { badInputs, readingJson } from './testing/bad-inputs.js';

const NOW_MS = Date.now();
const MAX_MESSAGE_BYTES = 65_536;
const logger = createLogger({ name: 'ingest-fn-test', level: 'silent' });

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

function deps(activeModel: ActiveModel | null = null, pool = db.pool): IngestDependencies {
  return {
    pool,
    logger,
    now: () => NOW_MS,
    activeModel: async () => activeModel,
    maxMessageBytes: MAX_MESSAGE_BYTES,
  };
}

function delivery(values: readonly Buffer[], firstOffset: number, partition = 0): Buffer {
  return Buffer.from(
    JSON.stringify(
      values.map((value, i) =>
        toStreamMessage({
          stream: 'telemetry.readings.v1',
          partition,
          offset: firstOffset + i,
          key: null,
          value,
          timestampMs: NOW_MS,
        }),
      ),
    ),
  );
}

const goodReading = (asset: number, i: number): Record<string, unknown> =>
  readingJson(
    NOW_MS,
    { assetId: `S01-L01-M${String(asset).padStart(4, '0')}`, toolWearMin: i },
    600_000 - i * 1_000,
  );

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const [result] = await db.pool.query<RowDataPacket[]>(sql, params);
  return result as T[];
}

describe('ingestDelivery against MariaDB', () => {
  it('stores good readings and dead-letters every kind of bad input with its reason, raw bytes and offset', async () => {
    const bad = badInputs(NOW_MS, MAX_MESSAGE_BYTES);
    expect(bad.length).toBeGreaterThanOrEqual(30);
    const good = Array.from({ length: 200 }, (_, i) => Buffer.from(JSON.stringify(goodReading(i % 20, i))));
    // Interleave: good, bad, good, ... so a bad record sits between good ones of the same batch.
    const values: Buffer[] = [];
    const badOffsets = new Map<number, (typeof bad)[number]>();
    let offset = 1_000;
    for (let i = 0; i < good.length; i += 1) {
      values.push(good[i] as Buffer);
      const b = bad[i];
      if (b !== undefined) {
        values.push(b.value);
        badOffsets.set(offset + values.length - 1, b);
      }
    }
    const result = await ingestDelivery(delivery(values, offset), deps());
    const alsoStored = bad.reduce((sum, b) => sum + (b.alsoStores ?? 0), 0);
    expect(result).toMatchObject({
      messages: values.length,
      stored: good.length + alsoStored,
      deadLettered: bad.length,
    });

    const [stored] = await rows<{ n: number }>('SELECT COUNT(*) AS n FROM readings');
    expect(stored?.n).toBe(good.length + alsoStored);
    const letters = await rows<{
      stream_offset: number;
      primary_reason: string;
      raw_payload: Buffer;
      source: string;
      stream_name: string;
    }>(
      'SELECT stream_offset, primary_reason, raw_payload, source, stream_name FROM dead_letters ORDER BY stream_offset',
    );
    expect(letters).toHaveLength(bad.length);
    for (const letter of letters) {
      const expected = badOffsets.get(Number(letter.stream_offset));
      expect(expected, `dead letter at offset ${letter.stream_offset}`).toBeDefined();
      expect([expected?.kind, letter.primary_reason]).toEqual([expected?.kind, expected?.reason]);
      expect(letter.source).toBe('stream');
      expect(letter.stream_name).toBe('telemetry.readings.v1');
      // A whole message keeps its exact bytes; an element of a JSON array keeps its own JSON text.
      const isArrayElement =
        expected?.value.toString('utf8').startsWith('[') === true && expected.reason !== 'empty';
      if (!isArrayElement)
        expect(Buffer.compare(letter.raw_payload, expected?.value ?? Buffer.alloc(0))).toBe(0);
    }
    offset += values.length;
  });

  it('makes a redelivered batch create no duplicates and counts the dead letters again', async () => {
    const values = [
      Buffer.from(JSON.stringify(goodReading(500, 1))),
      Buffer.from('not json'),
      Buffer.from(JSON.stringify([goodReading(501, 1), goodReading(501, 2)])),
    ];
    const body = delivery(values, 50, 3);
    const first = await ingestDelivery(body, deps());
    const second = await ingestDelivery(body, deps());
    expect([first.stored, first.deadLettered, first.newDeadLetters]).toEqual([3, 1, 1]);
    expect([second.stored, second.changed, second.deadLettered, second.newDeadLetters]).toEqual([3, 0, 1, 0]);
    const counted = await rows<{ n: number; deliveries: number }>(
      'SELECT COUNT(*) AS n, MAX(delivery_count) AS deliveries FROM dead_letters WHERE stream_partition = 3',
    );
    expect(counted[0]).toEqual({ n: 1, deliveries: 2 });
    const stored = await rows<{ n: number; partitions: string }>(
      "SELECT COUNT(*) AS n, GROUP_CONCAT(DISTINCT stream_partition) AS partitions FROM readings WHERE asset_id IN ('S01-L01-M0500','S01-L01-M0501')",
    );
    expect(stored[0]).toEqual({ n: 3, partitions: '3' });
  });

  it('scores every stored reading with the active model in the same write', async () => {
    const model: ActiveModel = { modelId: 42, probability: (r: Reading) => Math.min(1, r.toolWearMin / 250) };
    const values = [10, 125, 250].map((wear) =>
      Buffer.from(
        JSON.stringify(readingJson(NOW_MS, { assetId: 'SCORED-1', toolWearMin: wear }, 90_000 - wear)),
      ),
    );
    const result = await ingestDelivery(delivery(values, 7_000), deps(model));
    expect(result.modelId).toBe(42);
    const scored = await rows<{ tool_wear_min: number; failure_probability: number; model_id: number }>(
      "SELECT tool_wear_min, failure_probability, model_id FROM readings WHERE asset_id = 'SCORED-1' ORDER BY tool_wear_min",
    );
    expect(scored).toEqual([
      { tool_wear_min: 10, failure_probability: 0.04, model_id: 42 },
      { tool_wear_min: 125, failure_probability: 0.5, model_id: 42 },
      { tool_wear_min: 250, failure_probability: 1, model_id: 42 },
    ]);
  });

  it('leaves the probability null when no model is active', async () => {
    await ingestDelivery(
      delivery([Buffer.from(JSON.stringify(readingJson(NOW_MS, { assetId: 'UNSCORED-1' })))], 8_000),
      deps(null),
    );
    const [row] = await rows<{ p: number | null; m: number | null }>(
      "SELECT failure_probability AS p, model_id AS m FROM readings WHERE asset_id = 'UNSCORED-1'",
    );
    expect(row).toEqual({ p: null, m: null });
  });

  it('keeps a delivery that is not JSON at all as one connector dead letter', async () => {
    const body = Buffer.from('<html>502 Bad Gateway</html>');
    const result = await ingestDelivery(body, deps());
    expect(result).toMatchObject({ messages: 0, stored: 0, deadLettered: 1 });
    const [letter] = await rows<{ source: string; primary_reason: string; raw_payload: Buffer }>(
      "SELECT source, primary_reason, raw_payload FROM dead_letters WHERE primary_reason = 'malformed_delivery'",
    );
    expect(letter?.source).toBe('connector');
    expect(letter?.raw_payload.equals(body)).toBe(true);
  });

  it('fails the invocation on a database error and writes nothing of the batch', async () => {
    const empty = await openTestDatabase({ migrated: false });
    try {
      await empty.pool.query(
        'CREATE TABLE dead_letters (dead_letter_id BIGINT AUTO_INCREMENT PRIMARY KEY, dedup_key CHAR(64))',
      );
      const values = [Buffer.from(JSON.stringify(goodReading(900, 1))), Buffer.from('bad')];
      await expect(ingestDelivery(delivery(values, 1), deps(null, empty.pool))).rejects.toMatchObject({
        code: 'SQL_WRITE_FAILED',
      });
      const [[count]] = await empty.pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM dead_letters');
      expect(count?.n).toBe(0);
    } finally {
      await empty.close();
    }
  });
});

describe('the LOAD DATA fast path', () => {
  it('writes new readings with LOAD DATA, a redelivery with the upsert, and stores the same rows either way', async () => {
    const values = [0, 1, 2].map((i) =>
      Buffer.from(
        JSON.stringify([goodReading(700 + i, 1), goodReading(700 + i, 2), goodReading(700 + i, 3)]),
      ),
    );
    const body = delivery([...values, Buffer.from('{"broken"')], 60_000, 5);
    const fastPath = { enabled: true };
    const first = await ingestDelivery(body, { ...deps(), fastPath });
    const snapshot = await rows<Record<string, unknown>>(
      "SELECT * FROM readings WHERE asset_id LIKE 'S01-L01-M07%' ORDER BY asset_id, recorded_at",
    );
    const second = await ingestDelivery(body, { ...deps(), fastPath });
    expect([first.writePath, first.stored, first.deadLettered]).toEqual(['load-data', 9, 1]);
    expect([second.writePath, second.stored, second.changed]).toEqual(['upsert', 9, 0]);
    expect(
      await rows<Record<string, unknown>>(
        "SELECT * FROM readings WHERE asset_id LIKE 'S01-L01-M07%' ORDER BY asset_id, recorded_at",
      ),
    ).toEqual(snapshot);
    expect(snapshot).toHaveLength(9);
    expect(fastPath.enabled).toBe(true);
  });

  it('switches itself off for good when LOCAL INFILE is refused, and still stores the batch', async () => {
    const { mariadb } = readStackSettings(stackDir(process.env));
    // A client that does not offer LOCAL INFILE is refused by the server, as a server with local_infile=OFF refuses.
    const refusing = createPool({
      host: mariadb.host,
      port: mariadb.port,
      user: mariadb.user,
      password: mariadb.password,
      database: db.database,
      flags: ['-LOCAL_FILES'],
      connectionLimit: 1,
    });
    try {
      const fastPath = { enabled: true };
      const body = delivery([Buffer.from(JSON.stringify(goodReading(800, 1)))], 61_000, 6);
      const result = await ingestDelivery(body, { ...deps(null, refusing), fastPath });
      expect([result.writePath, result.stored, fastPath.enabled]).toEqual(['upsert', 1, false]);
      const [stored] = await rows<{ n: number }>(
        "SELECT COUNT(*) AS n FROM readings WHERE asset_id = 'S01-L01-M0800'",
      );
      expect(stored?.n).toBe(1);
    } finally {
      await refusing.end();
    }
  });
});

describe('the function handler with the model registry', () => {
  it('scores with the model activated in the registry, and notices the activation', async () => {
    let clock = NOW_MS;
    const handler = createIngestHandler({
      config: {
        modelRefreshMs: 1_000,
        writePath: 'load-data',
        maxMessageBytes: MAX_MESSAGE_BYTES,
        maxFutureSkewMs: 300_000,
        episodes: DEFAULT_EPISODE_SETTINGS,
      } as IngestConfig,
      pool: db.pool,
      logger,
      registry: registryFromScoring,
      now: () => clock,
    });
    const lowPower = (assetId: string): Buffer =>
      Buffer.from(
        JSON.stringify(readingJson(NOW_MS, { assetId, rotationalSpeedRpm: 1_200, torqueNm: 20 }, 120_000)),
      );
    await handler(delivery([lowPower('REG-BEFORE')], 9_000));
    const { modelId } = await registerModel(db.pool, {
      name: 'it-stump',
      algorithm: 'gbdt-logistic',
      parameters: {},
      features: [...FEATURE_NAMES],
      trainingFingerprint: 'a'.repeat(64),
      metrics: {},
      decisionThreshold: 0.5,
      artifact: serializeArtifact(stumpArtifact()),
    });
    await activateModel(db.pool, modelId);
    clock += 1_000;
    const result = await handler(delivery([lowPower('REG-AFTER')], 9_001));
    expect(result.modelId).toBe(modelId);
    const scored = await rows<{ asset_id: string; p: number | null; m: number | null }>(
      "SELECT asset_id, failure_probability AS p, model_id AS m FROM readings WHERE asset_id LIKE 'REG-%' ORDER BY asset_id",
    );
    expect(scored[0]).toMatchObject({ asset_id: 'REG-AFTER', m: modelId });
    expect(scored[0]?.p).toBeGreaterThan(0.9);
    expect(scored[1]).toEqual({ asset_id: 'REG-BEFORE', p: null, m: null });
  });
});
