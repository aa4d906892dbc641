import { join } from 'node:path';
import type { KafkaPaths } from './stack-config.js';

/** Classpath wildcard over the jars Maven copied (expanded by the JVM, not by a shell). */
function classpath(paths: KafkaPaths): string {
  return join(paths.libDir, '*');
}

/**
 * JVM arguments that start the broker, as bin/kafka-server-start.sh would (same GC flags), with a smaller heap:
 * 512 MB to 1 GB is plenty for tests on a 2-core machine.
 */
export function kafkaBrokerArgs(paths: KafkaPaths): string[] {
  return [
    '-Xms512m',
    '-Xmx1g',
    '-server',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${paths.log4j2File}`,
    `-Dkafka.logs.dir=${paths.logsDir}`,
    '-cp',
    classpath(paths),
    'kafka.Kafka',
    paths.serverProperties,
  ];
}

/** JVM arguments of `kafka-storage.sh format`; `--ignore-formatted` makes a second run a no-op. */
export function kafkaStorageFormatArgs(paths: KafkaPaths, clusterId: string): string[] {
  return [
    '-Xmx256m',
    `-Dlog4j2.configurationFile=${paths.log4j2File}`,
    `-Dkafka.logs.dir=${paths.logsDir}`,
    '-cp',
    classpath(paths),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    paths.serverProperties,
    '--ignore-formatted',
  ];
}

/** A KRaft cluster id: 16 random bytes as unpadded base64url (22 characters), like `kafka-storage random-uuid`. */
export function newClusterId(randomBytes: Uint8Array): string {
  if (randomBytes.length !== 16)
    throw new RangeError(`a cluster id needs 16 bytes, got ${randomBytes.length}`);
  return Buffer.from(randomBytes).toString('base64url');
}

/** True when `id` has the shape of a KRaft cluster id. */
export function isClusterId(id: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(id);
}

/** The `kafka.version` property of the committed runtime pom. */
export function parseKafkaVersion(pomXml: string): string | undefined {
  return /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pomXml)?.[1];
}

/** Major Java version out of `java -version` output (`openjdk version "17.0.15" …`, or `"1.8.0_402"` → 8). */
export function parseJavaMajorVersion(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (match?.[1] === undefined) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/** Kafka version of the broker jar among the copied jars (`kafka_2.13-4.1.2.jar` → `4.1.2`). */
export function parseKafkaJarVersion(fileNames: readonly string[]): string | undefined {
  for (const name of fileNames) {
    const version = /^kafka_2\.1[23]-(\d[^/]*)\.jar$/.exec(name)?.[1];
    if (version !== undefined) return version;
  }
  return undefined;
}
