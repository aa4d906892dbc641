import { describe, expect, it } from 'vitest';
import { kafkaServerProperties } from './kafka-server-properties.js';
import { loadStackConfig } from './stack-config.js';

function parse(text: string): Map<string, string> {
  const entries = text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
  return new Map(entries);
}

describe('kafkaServerProperties', () => {
  const paths = loadStackConfig(
    { LAKEHOUSE_KAFKA_PORT: '29092', LAKEHOUSE_KAFKA_CONTROLLER_PORT: '29093' },
    { repoRoot: '/r', stackDir: '/r/.local' },
  ).kafka;
  const props = parse(kafkaServerProperties(paths));

  it('runs broker and controller in one node with a static quorum on the configured ports', () => {
    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('node.id')).toBe('1');
    expect(props.get('controller.quorum.voters')).toBe('1@127.0.0.1:29093');
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093');
    expect(props.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:29092');
    expect(props.get('controller.listener.names')).toBe('CONTROLLER');
    expect(props.get('log.dirs')).toBe('/r/.local/kafka/data');
  });

  it('keeps internal topics small and the first group join immediate', () => {
    expect(props.get('offsets.topic.num.partitions')).toBe('1');
    expect(props.get('offsets.topic.replication.factor')).toBe('1');
    expect(props.get('transaction.state.log.replication.factor')).toBe('1');
    expect(props.get('transaction.state.log.min.isr')).toBe('1');
    expect(props.get('group.initial.rebalance.delay.ms')).toBe('0');
    expect(props.get('num.partitions')).toBe('1');
  });

  it("never creates topics behind the application's back", () => {
    expect(props.get('auto.create.topics.enable')).toBe('false');
  });

  it('escapes backslashes in paths', () => {
    const odd = { ...paths, dataDir: 'C:\\kafka\\data' };
    expect(parse(kafkaServerProperties(odd)).get('log.dirs')).toBe('C:\\\\kafka\\\\data');
  });
});
