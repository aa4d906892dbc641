import { describe, expect, it } from 'vitest';
import { kafkaServerProperties } from './kafka-server-properties.js';
import { isLoopbackAddress } from './listening-sockets.js';
import { mariadbdArgs } from './mariadb-args.js';
import { loadStackConfig } from './stack-config.js';

/* The local stack binds to loopback by default (ADR 0049): nothing on the network reaches a developer's database. */

const config = loadStackConfig({}, { repoRoot: '/repo', stackDir: '/repo/.local' });

describe('local stack bind addresses', () => {
  it('MariaDB listens on loopback only', () => {
    const bind = mariadbdArgs(config.mariadb, false).find((a) => a.startsWith('--bind-address='));
    expect(isLoopbackAddress(bind?.slice('--bind-address='.length) ?? '')).toBe(true);
  });

  it('every Kafka listener (broker and controller) and the advertised one are on loopback', () => {
    const properties = new Map(
      kafkaServerProperties(config.kafka)
        .split('\n')
        .filter((l) => l.includes('=') && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
    );
    const hosts = ['listeners', 'advertised.listeners'].flatMap((key) =>
      (properties.get(key) ?? '').split(',').map((l) => /^\w+:\/\/\[?([^\]]*?)\]?:\d+$/.exec(l)?.[1] ?? l),
    );
    expect(hosts.length).toBe(3);
    for (const host of hosts) expect(isLoopbackAddress(host)).toBe(true);
    expect(
      isLoopbackAddress(/@(.*):\d+$/.exec(properties.get('controller.quorum.voters') ?? '')?.[1] ?? ''),
    ).toBe(true);
  });
});
