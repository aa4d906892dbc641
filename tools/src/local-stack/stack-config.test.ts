import { describe, expect, it } from 'vitest';
import { loadStackConfig, MAX_SOCKET_PATH_BYTES, mariadbSocketPath } from './stack-config.js';

const host = { repoRoot: '/repo', stackDir: '/repo/.local' };

describe('loadStackConfig', () => {
  it('uses the default ports and lays every path out under the stack folder', () => {
    const config = loadStackConfig({}, host);
    expect(config.mariadb).toMatchObject({
      host: '127.0.0.1',
      port: 13_306,
      dataDir: '/repo/.local/mariadb/data',
      socketPath: '/repo/.local/mariadb/mysqld.sock',
    });
    expect(config.kafka).toMatchObject({
      port: 19_092,
      controllerPort: 19_093,
      libDir: '/repo/.local/kafka/lib',
      pomFile: '/repo/tools/local-stack/kafka/pom.xml',
    });
    expect(config.settingsFile).toBe('/repo/.local/stack.json');
    expect(config.java).toBe('java');
    expect(config.mvn).toBe('mvn');
  });

  it('reads ports and binaries from the environment', () => {
    const config = loadStackConfig(
      {
        LAKEHOUSE_MARIADB_PORT: '23306',
        LAKEHOUSE_KAFKA_PORT: '29092',
        LAKEHOUSE_KAFKA_CONTROLLER_PORT: '29093',
        JAVA_HOME: '/opt/jdk',
        LAKEHOUSE_MVN: '/opt/mvn/bin/mvn',
      },
      host,
    );
    expect([config.mariadb.port, config.kafka.port, config.kafka.controllerPort]).toEqual([
      23_306, 29_092, 29_093,
    ]);
    expect(config.java).toBe('/opt/jdk/bin/java');
    expect(config.explicitPorts).toEqual({ mariadb: true, kafka: true, controller: true });
    expect(loadStackConfig({}, host).explicitPorts).toEqual({
      mariadb: false,
      kafka: false,
      controller: false,
    });
    expect(config.mvn).toBe('/opt/mvn/bin/mvn');
    expect(loadStackConfig({ JAVA_HOME: '/opt/jdk', LAKEHOUSE_JAVA: '/usr/bin/java21' }, host).java).toBe(
      '/usr/bin/java21',
    );
  });

  it('names every bad port at once and refuses the system MariaDB port', () => {
    expect(() =>
      loadStackConfig({ LAKEHOUSE_MARIADB_PORT: '3306', LAKEHOUSE_KAFKA_PORT: 'abc' }, host),
    ).toThrow(/LAKEHOUSE_MARIADB_PORT: 3306 belongs to the system.*LAKEHOUSE_KAFKA_PORT: must be an integer/);
  });

  it('rejects ports that collide', () => {
    expect(() => loadStackConfig({ LAKEHOUSE_KAFKA_PORT: '19093' }, host)).toThrow(/must differ/);
  });
});

describe('mariadbSocketPath', () => {
  it('keeps the socket in the stack folder when the path is short enough', () => {
    expect(mariadbSocketPath('/home/dev/repo/.local')).toBe('/home/dev/repo/.local/mariadb/mysqld.sock');
  });

  it('moves the socket to a short /tmp folder keyed by the stack folder when the path is too long', () => {
    const deep = `/home/dev/${'very-long-folder-name/'.repeat(5)}repo/.local`;
    const path = mariadbSocketPath(deep, '/tmp');
    expect(path).toMatch(/^\/tmp\/lakehouse-[0-9a-f]{12}\/mysqld\.sock$/);
    expect(Buffer.byteLength(path)).toBeLessThanOrEqual(MAX_SOCKET_PATH_BYTES);
    expect(mariadbSocketPath(deep, '/tmp')).toBe(path);
    expect(mariadbSocketPath(`${deep}2`, '/tmp')).not.toBe(path);
  });
});
