import type { KafkaPaths } from './stack-config.js';

/**
 * server.properties of the single-node KRaft broker (broker + controller in one JVM). The static quorum
 * (`controller.quorum.voters`) needs no `--standalone` at format time. Internal topics get one partition and
 * replica, and the first consumer group joins without the default 3 s delay, so tests start fast.
 */
export function kafkaServerProperties(paths: KafkaPaths): string {
  const entries: readonly (readonly [string, string | number | boolean])[] = [
    ['process.roles', 'broker,controller'],
    ['node.id', 1],
    ['controller.quorum.voters', `1@${paths.host}:${paths.controllerPort}`],
    [
      'listeners',
      `PLAINTEXT://${paths.host}:${paths.port},CONTROLLER://${paths.host}:${paths.controllerPort}`,
    ],
    ['advertised.listeners', `PLAINTEXT://${paths.host}:${paths.port}`],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['controller.listener.names', 'CONTROLLER'],
    ['listener.security.protocol.map', 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT'],
    ['log.dirs', paths.dataDir],
    ['num.partitions', 1],
    ['auto.create.topics.enable', false],
    ['offsets.topic.replication.factor', 1],
    ['offsets.topic.num.partitions', 1],
    ['transaction.state.log.replication.factor', 1],
    ['transaction.state.log.min.isr', 1],
    ['transaction.state.log.num.partitions', 1],
    ['share.coordinator.state.topic.replication.factor', 1],
    ['share.coordinator.state.topic.min.isr', 1],
    ['group.initial.rebalance.delay.ms', 0],
    ['delete.topic.enable', true],
  ];
  const header =
    '# Written by `npm run stack -- up` on every start; edit tools/src/local-stack/kafka-server-properties.ts instead.';
  return [header, ...entries.map(([key, value]) => `${key}=${escapePropertyValue(String(value))}`), ''].join(
    '\n',
  );
}

/** Java properties treat `\` as an escape character; paths on Windows-style mounts or with `\` must survive. */
function escapePropertyValue(value: string): string {
  return value.replace(/\\/g, '\\\\');
}
