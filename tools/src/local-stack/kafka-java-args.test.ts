import { describe, expect, it } from 'vitest';
import {
  isClusterId,
  kafkaBrokerArgs,
  kafkaStorageFormatArgs,
  newClusterId,
  parseJavaMajorVersion,
  parseKafkaJarVersion,
  parseKafkaVersion,
} from './kafka-java-args.js';
import { loadStackConfig } from './stack-config.js';

const paths = loadStackConfig({}, { repoRoot: '/r', stackDir: '/r/.local' }).kafka;

describe('kafkaBrokerArgs', () => {
  it('starts kafka.Kafka with a 512m-1g heap, our log4j2 file and the copied jars', () => {
    const args = kafkaBrokerArgs(paths);
    expect(args.slice(0, 2)).toEqual(['-Xms512m', '-Xmx1g']);
    expect(args).toContain('-Dlog4j2.configurationFile=/r/.local/kafka/config/log4j2.properties');
    expect(args).toContain('-Dkafka.logs.dir=/r/.local/kafka/logs');
    expect(args.slice(-4)).toEqual([
      '-cp',
      '/r/.local/kafka/lib/*',
      'kafka.Kafka',
      '/r/.local/kafka/config/server.properties',
    ]);
  });
});

describe('kafkaStorageFormatArgs', () => {
  it('formats once with the given cluster id and ignores an already formatted directory', () => {
    expect(kafkaStorageFormatArgs(paths, 'MkU3OEVBNTcwNTJENDM2Qg').slice(-7)).toEqual([
      'kafka.tools.StorageTool',
      'format',
      '-t',
      'MkU3OEVBNTcwNTJENDM2Qg',
      '-c',
      '/r/.local/kafka/config/server.properties',
      '--ignore-formatted',
    ]);
  });
});

describe('newClusterId', () => {
  it('encodes 16 bytes as 22 base64url characters', () => {
    const id = newClusterId(new Uint8Array(16).fill(255));
    expect(id).toBe('_____________________w');
    expect(isClusterId(id)).toBe(true);
    expect(() => newClusterId(new Uint8Array(8))).toThrow(RangeError);
  });

  it('recognises only well-formed ids', () => {
    expect(isClusterId('too-short')).toBe(false);
    expect(isClusterId('MkU3OEVBNTcwNTJENDM2Qg')).toBe(true);
  });
});

describe('version parsing', () => {
  it('reads kafka.version from the pom', () => {
    expect(parseKafkaVersion('<properties>\n  <kafka.version>4.1.2</kafka.version>\n</properties>')).toBe(
      '4.1.2',
    );
    expect(parseKafkaVersion('<project/>')).toBeUndefined();
  });

  it('reads the broker version from the copied jar names', () => {
    expect(
      parseKafkaJarVersion(['kafka-clients-4.1.2.jar', 'kafka_2.13-4.1.2.jar', 'scala-library-2.13.16.jar']),
    ).toBe('4.1.2');
    expect(parseKafkaJarVersion(['kafka-clients-4.1.2.jar'])).toBeUndefined();
  });

  it('reads the Java major version, old and new numbering', () => {
    expect(parseJavaMajorVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toBe(
      17,
    );
    expect(parseJavaMajorVersion('java version "1.8.0_402"')).toBe(8);
    expect(parseJavaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajorVersion('bash: java: not found')).toBeUndefined();
  });
});
