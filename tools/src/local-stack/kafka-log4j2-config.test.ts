import { describe, expect, it } from 'vitest';
import { kafkaLog4j2Config } from './kafka-log4j2-config.js';

describe('kafkaLog4j2Config', () => {
  const text = kafkaLog4j2Config();

  it('logs at INFO to server.log under kafka.logs.dir, rolled by size', () => {
    expect(text).toContain('rootLogger.level = INFO');
    expect(text).toContain('appender.server.fileName = ${sys:kafka.logs.dir}/server.log');
    expect(text).toContain('appender.server.policies.size.size = 50MB');
  });

  it('sends only warnings to the console, which ends up in kafka.out', () => {
    expect(text).toContain('appender.console.filter.threshold.level = WARN');
    expect(text).toContain('rootLogger.appenderRef.console.ref = console');
  });
});
