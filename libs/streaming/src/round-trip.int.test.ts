import { readStackSettings, stackDir, uniqueName } from '@lakehouse/testing';
import { Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRoundTrip } from './check-round-trip.js';
import { createKafkaClient, type KafkaClient } from './create-kafka-client.js';
import { consumerGroupLag, deleteTopics, ensureTopic } from './topic-admin.js';

const MESSAGES = 1_000;
const KEYS = 10;
const PARTITIONS = 3;

describe('round trip against the local broker', () => {
  const topic = uniqueName('it.streaming');
  let client: KafkaClient;

  beforeAll(async () => {
    const settings = readStackSettings(stackDir(process.env));
    client = createKafkaClient({
      kind: 'local',
      brokers: settings.kafka.brokers,
      clientId: 'streaming-int-test',
    });
    expect(await ensureTopic(client, { topic, partitions: PARTITIONS })).toBe(true);
  });

  afterAll(async () => {
    await deleteTopics(client, [topic]);
  });

  it('treats an existing topic as already there', async () => {
    expect(await ensureTopic(client, { topic, partitions: PARTITIONS })).toBe(false);
  });

  it('delivers every keyed message once through a consumer group, in order per key', async () => {
    const producer = client.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
    });
    await producer.connect();
    const messages = Array.from({ length: MESSAGES }, (_, seq) => {
      const key = `device-${seq % KEYS}`;
      return { key, value: JSON.stringify({ key, seq }) };
    });
    await producer.send({ topic, acks: -1, messages });
    await producer.disconnect();

    const seenByKey = new Map<string, number[]>();
    let seen = 0;
    const consumer = client.kafka.consumer({ groupId: uniqueName('it.streaming-group') });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message }) => {
            const { key, seq } = JSON.parse(message.value?.toString() ?? 'null') as {
              key: string;
              seq: number;
            };
            // The Kafka key must be the one the payload was produced with; a mismatch shows up as an extra key.
            const kafkaKey = message.key?.toString() === key ? key : `mismatch:${String(message.key)}`;
            seenByKey.set(kafkaKey, [...(seenByKey.get(kafkaKey) ?? []), seq]);
            seen += 1;
            if (seen === MESSAGES) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    expect(seen).toBe(MESSAGES);
    expect(seenByKey.size).toBe(KEYS);
    for (const [key, seqs] of seenByKey) {
      const expected = messages
        .filter((m) => m.key === key)
        .map((m) => (JSON.parse(m.value) as { seq: number }).seq);
      expect(seqs, key).toEqual(expected);
    }
  });

  it('reports how far a consumer group is behind the end of a topic', async () => {
    const lagTopic = uniqueName('it.lag');
    const groupId = uniqueName('it.lag-group');
    await ensureTopic(client, { topic: lagTopic, partitions: 2 });
    try {
      const producer = client.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      await producer.send({
        topic: lagTopic,
        messages: [
          ...Array.from({ length: 7 }, (_, i) => ({ partition: 0, value: String(i) })),
          ...Array.from({ length: 5 }, (_, i) => ({ partition: 1, value: String(i) })),
        ],
      });
      await producer.disconnect();
      const fresh = await consumerGroupLag(client, { topic: lagTopic, groupId });
      expect(fresh.total).toBe(12);
      expect(fresh.partitions.map((p) => [p.partition, p.endOffset, p.committedOffset])).toEqual([
        [0, 7, 0],
        [1, 5, 0],
      ]);
      const admin = client.kafka.admin();
      await admin.connect();
      await admin.setOffsets({ groupId, topic: lagTopic, partitions: [{ partition: 0, offset: '4' }] });
      await admin.disconnect();
      const after = await consumerGroupLag(client, { topic: lagTopic, groupId });
      expect(after.partitions.map((p) => p.lag)).toEqual([3, 5]);
      expect(after.total).toBe(8);
    } finally {
      await deleteTopics(client, [lagTopic]);
    }
  });

  it('checkRoundTrip sees its probe through a fresh group', async () => {
    const result = await checkRoundTrip(client, {
      topic,
      groupId: uniqueName('it.round-trip'),
      timeoutMs: 30_000,
    });
    expect(result.partition).toBeGreaterThanOrEqual(0);
    expect(result.elapsedMs).toBeLessThan(30_000);
  });

  it('rejects with a retryable KAFKA_CONSUME_FAILED when the budget runs out', async () => {
    await expect(
      checkRoundTrip(client, { topic, groupId: uniqueName('it.too-slow'), timeoutMs: 1 }),
    ).rejects.toMatchObject({
      code: 'KAFKA_CONSUME_FAILED',
      retryable: true,
    });
  });
});
