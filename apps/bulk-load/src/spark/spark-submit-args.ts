import { JDBC_CREDENTIAL_PROVIDER } from '@lakehouse/contracts';

/** Settings of one local Spark SQL run (Spark in local mode standing in for Data Flow). */
export interface LocalSparkSettings {
  /** Folder holding the Spark runtime jars. */
  readonly jarsDir: string;
  /** The Spark JDBC connection provider's jar (what the Data Flow archive ships under `java/`). */
  readonly providerJar: string;
  /** The Vault stand-in file (secret OCID -> value) the provider resolves `jdbc_credential` from. */
  readonly vaultStandInFile: string;
  /** Scratch folder of this run: Derby metastore, warehouse, shuffle files, logs config. */
  readonly workDir: string;
  /** `local[2]` etc. */
  readonly master: string;
  readonly driverMemoryMb: number;
  readonly shufflePartitions: number;
  readonly log4j2File: string;
  /** The `.sql` script to run. */
  readonly sqlFile: string;
  /** Init script with the `SET name=value` parameter statements (kept out of the process list). */
  readonly initFile: string;
  readonly appName: string;
}

/**
 * JDK 17 module openings Spark needs (what spark-submit's launcher adds; a plain `java` does not), see Spark's
 * JavaModuleOptions.
 */
export const SPARK_JAVA_MODULE_OPTIONS = [
  '-XX:+IgnoreUnrecognizedVMOptions',
  ...[
    'java.base/java.lang',
    'java.base/java.lang.invoke',
    'java.base/java.lang.reflect',
    'java.base/java.io',
    'java.base/java.net',
    'java.base/java.nio',
    'java.base/java.util',
    'java.base/java.util.concurrent',
    'java.base/java.util.concurrent.atomic',
    'java.base/jdk.internal.ref',
    'java.base/sun.nio.ch',
    'java.base/sun.nio.cs',
    'java.base/sun.security.action',
    'java.base/sun.util.calendar',
    'java.security.jgss/sun.security.krb5',
  ].map((m) => `--add-opens=${m}=ALL-UNNAMED`),
  '-Djdk.reflect.useDirectMethodHandle=false',
  '-Dio.netty.tryReflectionSetAccessible=true',
];

/**
 * The `java` arguments that run a .sql file the way `bin/spark-sql -f` does, without a Spark distribution:
 * SparkSubmit with the SQL CLI driver and the `spark-internal` placeholder resource, then the Hive CLI options.
 * Parameters come from the init file as `SET name=value`, which Spark's variable substitution reads like
 * `--hivevar`.
 */
export function sparkSqlJavaArgs(s: LocalSparkSettings): string[] {
  return [
    `-Xmx${String(s.driverMemoryMb)}m`,
    '-Duser.timezone=UTC',
    // Throughput collector: a batch job on 2 cores gains more from fewer GC cycles than from short pauses.
    '-XX:+UseParallelGC',
    ...SPARK_JAVA_MODULE_OPTIONS,
    `-Dlog4j2.configurationFile=${s.log4j2File}`,
    `-Dderby.system.home=${s.workDir}`,
    '-cp',
    `${s.jarsDir}/*:${s.providerJar}`,
    'org.apache.spark.deploy.SparkSubmit',
    '--master',
    s.master,
    '--name',
    s.appName,
    '--conf',
    'spark.ui.enabled=false',
    '--conf',
    'spark.ui.showConsoleProgress=false',
    '--conf',
    'spark.driver.host=127.0.0.1',
    '--conf',
    'spark.driver.bindAddress=127.0.0.1',
    '--conf',
    `spark.sql.shuffle.partitions=${String(s.shufflePartitions)}`,
    '--conf',
    'spark.sql.session.timeZone=UTC',
    '--conf',
    'spark.sql.ansi.enabled=false',
    // Data Flow has no such conf: there the provider reads OCI Vault with the run's resource principal.
    '--conf',
    `${JDBC_CREDENTIAL_PROVIDER.standInFileConf}=${s.vaultStandInFile}`,
    '--conf',
    `spark.sql.warehouse.dir=${s.workDir}/warehouse`,
    '--conf',
    `spark.local.dir=${s.workDir}/tmp`,
    // Temporary views and cached tables only: the in-memory catalog spares the Hive metastore's start (about 2 s
    // of the job on 2 cores). The Hive settings stay for the SQL CLI's own session state.
    '--conf',
    'spark.sql.catalogImplementation=in-memory',
    '--conf',
    `spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=${s.workDir}/metastore_db;create=true`,
    '--class',
    'org.apache.spark.sql.hive.thriftserver.SparkSQLCLIDriver',
    'spark-internal',
    '-i',
    s.initFile,
    '-f',
    s.sqlFile,
  ];
}

/** The init script that sets every parameter; values were checked by checkSqlParameters. */
export function sparkInitSql(parameters: Readonly<Record<string, string>>): string {
  return Object.entries(parameters)
    .map(([name, value]) => `SET ${name}=${value};\n`)
    .join('');
}

/** log4j2 configuration of local runs: warnings and errors to stderr, nothing else. */
export const SPARK_LOG4J2_PROPERTIES = `rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.cli.name = org.apache.spark.sql.hive.thriftserver.SparkSQLCLIDriver
logger.cli.level = info
`;
