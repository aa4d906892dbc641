// Process entry of the producer: parse options, connect, publish until the count or duration is reached or Ctrl-C.
import { runCli } from '@lakehouse/cli';
import { createLogger, onShutdown, writeJsonFile } from '@lakehouse/runtime';
import { createKafkaClient, createPublisher, ensureTopic } from '@lakehouse/streaming';
import { PRODUCER_COMMAND } from './cli-options.js';
import { loadConfig } from './config.js';
import { produceReadings } from './produce-readings.js';
import { replayedRecords, simulatedReadings } from './reading-source.js';

process.exitCode = await runCli(PRODUCER_COMMAND, process.argv.slice(2), async (options) => {
  const config = await loadConfig();
  const logger = createLogger({ name: 'producer', level: config.logLevel });
  const client = createKafkaClient(config.profile, logger);
  if (config.profile.kind === 'local') {
    // On OCI the stream is created by infra (partitions are fixed at creation); locally the producer creates it.
    await ensureTopic(client, { topic: config.stream, partitions: options.partitions });
  }
  const publisher = await createPublisher(client, {
    topic: config.stream,
    compression: config.compression,
    maxInFlight: config.maxInFlight,
  });
  const abort = new AbortController();
  onShutdown([{ name: 'producer', run: async () => abort.abort() }], { logger, exit: () => undefined });

  const nowMs = Date.now();
  let skipped = 0;
  const source =
    options.file === undefined
      ? simulatedReadings(options, nowMs)
      : replayedRecords({ ...options, file: options.file }, nowMs, (s) => {
          skipped += 1;
          logger.warn({ line: s.line }, `skipped: ${s.message}`);
        });
  logger.info(
    {
      stream: config.stream,
      profile: config.profile.kind,
      mode: options.mode,
      rate: options.rate,
      perMessage: options.perMessage,
    },
    'publishing',
  );
  try {
    const totals = await produceReadings(source, publisher, {
      perMessage: options.perMessage,
      ...(options.count === undefined ? {} : { count: options.count }),
      ...(options.durationSec === undefined ? {} : { durationMs: options.durationSec * 1_000 }),
      signal: abort.signal,
      onProgress: (t) => {
        const s = publisher.stats();
        if (options.statusFile !== undefined) {
          writeJsonFile(options.statusFile, {
            ...t,
            acknowledged: s.acknowledged,
            pending: s.pending,
            done: false,
          });
        }
        process.stderr.write(
          `producer: ${t.readings.toLocaleString('en-US')} readings, ${t.readingsPerSec.toLocaleString('en-US')}/s, ${s.acknowledged.toLocaleString('en-US')} messages acknowledged, ${s.pending} pending\n`,
        );
      },
    });
    await publisher.close();
    const final = { ...totals, skippedLines: skipped, stream: config.stream };
    if (options.statusFile !== undefined) writeJsonFile(options.statusFile, { ...final, done: true });
    process.stdout.write(`${JSON.stringify(final)}\n`);
  } catch (error) {
    await publisher.close().catch(() => undefined);
    throw error;
  }
});
