/**
 * log4j2 configuration of the broker (properties format, read through `-Dlog4j2.configurationFile`): everything at
 * INFO into `${kafka.logs.dir}/server.log`, rolled at 50 MB with 3 old files, and WARN to the console, which the
 * stack command redirects to `kafka.out`. Kafka's own config/log4j2.yaml also splits state-change, request and
 * controller logs; one file is enough locally.
 */
export function kafkaLog4j2Config(): string {
  return [
    '# Written by `npm run stack -- up`; edit tools/src/local-stack/kafka-log4j2-config.ts instead.',
    'status = warn',
    'name = lakehouse-kafka',
    '',
    'appender.console.type = Console',
    'appender.console.name = console',
    'appender.console.target = SYSTEM_OUT',
    'appender.console.layout.type = PatternLayout',
    'appender.console.layout.pattern = [%d] %p %m (%c)%n',
    'appender.console.filter.threshold.type = ThresholdFilter',
    'appender.console.filter.threshold.level = WARN',
    '',
    'appender.server.type = RollingFile',
    'appender.server.name = server',
    'appender.server.fileName = ${sys:kafka.logs.dir}/server.log',
    'appender.server.filePattern = ${sys:kafka.logs.dir}/server.log.%i',
    'appender.server.layout.type = PatternLayout',
    'appender.server.layout.pattern = [%d] %p %m (%c)%n',
    'appender.server.policies.type = Policies',
    'appender.server.policies.size.type = SizeBasedTriggeringPolicy',
    'appender.server.policies.size.size = 50MB',
    'appender.server.strategy.type = DefaultRolloverStrategy',
    'appender.server.strategy.max = 3',
    '',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.server.ref = server',
    'rootLogger.appenderRef.console.ref = console',
    '',
  ].join('\n');
}
