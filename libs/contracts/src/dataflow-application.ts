import { VAULT_SECRET_OCID_PATTERN } from './workload-contract.js';

/**
 * The parameters of the bulk-load Data Flow application (the Spark SQL script of apps/bulk-load), in the order
 * infra lists them. The script references each one as `${name}`; every one is required.
 *
 * No name contains `url`, `password`, `secret` or `token`: Spark's redaction rules (`spark.redaction.regex`,
 * `spark.sql.redaction.options.regex`) replace the value of a variable so named with `*********(redacted)` before
 * substitution, which breaks the statement it lands in (measured on Spark 3.5.4, see docs/adr/0011).
 */
export const DATAFLOW_PARAMETERS = [
  'raw_path',
  'rejects_path',
  'silver_path',
  'jdbc_connection',
  'jdbc_driver',
  'jdbc_user',
  'jdbc_credential',
] as const;

/** One of {@link DATAFLOW_PARAMETERS}. */
export type DataflowParameterName = (typeof DATAFLOW_PARAMETERS)[number];

/** A value for every parameter of the application. */
export type DataflowParameters = Readonly<Record<DataflowParameterName, string>>;

/**
 * What each parameter holds. Data Flow shows application and run parameters to anyone who can read them, so none
 * is a password: the DB password travels as the Vault secret OCID in `jdbc_credential`, resolved inside the run.
 */
export const DATAFLOW_PARAMETER_MEANINGS: Readonly<Record<DataflowParameterName, string>> = {
  raw_path: 'folder of the raw CSV and Parquet files, read recursively (oci://bucket@namespace/prefix/)',
  rejects_path: 'folder the rejected rows are written to as JSON lines, overwritten by each run',
  silver_path:
    'folder of the silver layer, without a trailing slash; the job writes <silver_path>/hourly_aggregates/{parquet,csv}',
  jdbc_connection: 'the jdbc:mysql:// URL of the application schema, TLS included (see dataflowJdbcUrl)',
  jdbc_driver: 'the JDBC driver class (MySQL Connector/J, shipped in the archive)',
  jdbc_user: 'the MySQL user of the applications',
  jdbc_credential:
    'the Vault secret OCID of the password of that user, resolved by the JDBC connection provider',
};

/**
 * The words Spark's default redaction regexes match (`spark.redaction.regex` = `(?i)secret|password|token|access[.]?key`,
 * `spark.sql.redaction.options.regex` = `(?i)url`), each split where {@link REDACTION_BREAK} goes. Spark compares them
 * with variable **values** too: `SET v=ocid1.vaultsecret...` and `--hivevar` both substitute `*********(redacted)`
 * (measured on Spark 3.5.4). Every Vault secret OCID contains `vaultsecret`, so the credential parameter carries it
 * in redaction-safe form ({@link redactionSafe}).
 */
export const SPARK_REDACTED_WORDS: readonly (readonly [string, string])[] = [
  ['secre', 't'],
  ['passwor', 'd'],
  ['toke', 'n'],
  ['acces', 's[.]?key'],
  ['ur', 'l'],
];

/** Inserted into each redacted word of a value; no OCID, path or URL of the job contains it. */
export const REDACTION_BREAK = '~';

/** Matches a value Spark would redact before substituting it (the words of {@link SPARK_REDACTED_WORDS}). */
export const SPARK_REDACTED_VALUE = new RegExp(
  SPARK_REDACTED_WORDS.map(([a, b]) => `${a}${b}`).join('|'),
  'i',
);

/**
 * The value with {@link REDACTION_BREAK} inside every word Spark redacts: `ocid1.vaultsecret.oc1...` becomes
 * `ocid1.vaultsecre~t.oc1...`. The JDBC connection provider removes every `~` before it reads the secret.
 */
export function redactionSafe(value: string): string {
  return SPARK_REDACTED_WORDS.reduce(
    (v, [a, b]) => v.replace(new RegExp(`(${a})(${b})`, 'gi'), `$1${REDACTION_BREAK}$2`),
    value,
  );
}

/**
 * The same rewriting as Terraform `replace(value, pattern, replacement)` calls (RE2 syntax), for a value that
 * is only known at apply time (infra nests them around the Vault secret's id).
 */
export const REDACTION_SAFE_REPLACEMENTS: readonly {
  readonly pattern: string;
  readonly replacement: string;
}[] = SPARK_REDACTED_WORDS.map(([a, b]) => ({
  pattern: `/(?i)(${a})(${b})/`,
  replacement: `$1${REDACTION_BREAK}$2`,
}));

/** The parameter that carries a Vault secret OCID (in redaction-safe form) instead of a value. */
export const DATAFLOW_CREDENTIAL_PARAMETER = 'jdbc_credential' satisfies DataflowParameterName;

/** The JDBC driver class of the job (Spark's MySQL dialect needs a `jdbc:mysql:` URL, which this driver takes). */
export const DATAFLOW_JDBC_DRIVER_CLASS = 'com.mysql.cj.jdbc.Driver';

/**
 * The Spark JDBC connection provider that puts the password into the JDBC connection (apps/bulk-load/jdbc-provider,
 * a `org.apache.spark.sql.jdbc.JdbcConnectionProvider` registered through META-INF/services). The script's JDBC
 * views name it with Spark's `connectionProvider` option and hand it the secret OCID in `credentialOption`.
 */
export const JDBC_CREDENTIAL_PROVIDER = {
  /** Value of Spark's `connectionProvider` JDBC option. */
  name: 'lakehouse-vault',
  className: 'lakehouse.jdbc.VaultCredentialConnectionProvider',
  /** JDBC option of the views that holds the Vault secret OCID (`${jdbc_credential}`); never sent to the driver. */
  credentialOption: 'lakehouseCredential',
  /**
   * Spark conf naming a JSON file of secret OCID -> value that stands in for OCI Vault (local runs and the
   * rehearsal of a deploy). Unset, as in Data Flow: the provider reads OCI Vault with the run's resource principal.
   */
  standInFileConf: 'spark.lakehouse.vault.standInFile',
} as const;

/** A Maven artifact the archive is built from. */
export interface MavenArtifact {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
}

/** `group:artifact:version`, the form `mvn dependency:copy -Dartifact=...` takes. */
export function mavenCoordinates(a: MavenArtifact): string {
  return `${a.groupId}:${a.artifactId}:${a.version}`;
}

/** OCI Java SDK release the provider uses in Data Flow (the newest on Maven Central with all three modules). */
const OCI_JAVA_SDK_VERSION = '3.79.0';

/**
 * The application's dependency archive (`archive_uri`). Data Flow adds the jars under `java/` to the Spark classpath
 * of every node (dependency-packager layout, docs.oracle.com/en-us/iaas/data-flow/using/third-party-provide-archive.htm).
 *
 * - MySQL Connector/J is not on Data Flow's classpath, so it is shipped; 8.4.0 is what local Spark uses.
 * - The provider jar carries the OCI Java SDK (Vault secrets, resource principal auth and their closure) nested
 *   under `oci-sdk/`, loaded by its own class loader. The Data Flow docs do not say which OCI SDK, if any, the
 *   runtime puts on the classpath, and the SDK's closure clashes with Spark's own jars (Jackson 2.19 against
 *   Spark 3.5's 2.15, HK2 3 against HK2 2.6 in the same packages), so it is neither assumed nor put on `java/`.
 */
export const DATAFLOW_ARCHIVE = {
  /** The folder of archive.zip whose jars Data Flow puts on the classpath. */
  jarFolder: 'java/',
  mysqlConnector: {
    artifact: { groupId: 'com.mysql', artifactId: 'mysql-connector-j', version: '8.4.0' },
    entry: 'java/mysql-connector-j-8.4.0.jar',
  },
  provider: {
    entry: 'java/lakehouse-jdbc-provider.jar',
    /** Folder, inside the provider jar, of the nested OCI SDK jars. */
    ociSdkFolder: 'oci-sdk/',
    /** File, inside the provider jar, listing the nested jars one a line (the provider loads exactly these). */
    ociSdkIndex: 'oci-sdk/index.txt',
    /** Roots of the nested closure (Maven resolves the rest); the HTTP client is the Jakarta (Jersey 3) one. */
    ociSdkArtifacts: [
      { groupId: 'com.oracle.oci.sdk', artifactId: 'oci-java-sdk-secrets', version: OCI_JAVA_SDK_VERSION },
      { groupId: 'com.oracle.oci.sdk', artifactId: 'oci-java-sdk-common', version: OCI_JAVA_SDK_VERSION },
      {
        groupId: 'com.oracle.oci.sdk',
        artifactId: 'oci-java-sdk-common-httpclient-jersey3',
        version: OCI_JAVA_SDK_VERSION,
      },
    ],
  },
} as const satisfies {
  jarFolder: string;
  mysqlConnector: { artifact: MavenArtifact; entry: string };
  provider: {
    entry: string;
    ociSdkFolder: string;
    ociSdkIndex: string;
    ociSdkArtifacts: readonly MavenArtifact[];
  };
};

/** The entries archive.zip must hold, exactly. */
export const DATAFLOW_ARCHIVE_ENTRIES: readonly string[] = [
  DATAFLOW_ARCHIVE.mysqlConnector.entry,
  DATAFLOW_ARCHIVE.provider.entry,
];

/** How the job's JDBC connection is secured; Connector/J's `sslMode` for each. */
const SSL_MODES = {
  'verify-identity': 'VERIFY_IDENTITY',
  'verify-ca': 'VERIFY_CA',
  required: 'REQUIRED',
  disabled: 'DISABLED',
} as const;

/** Where the job writes: the DB system (or a local server) and how TLS is checked. */
export interface DataflowJdbcTarget {
  readonly host: string;
  readonly port: number | string;
  readonly database: string;
  /** @default 'verify-identity' */
  readonly tls?: keyof typeof SSL_MODES;
}

/**
 * The `jdbc_connection` value: MySQL's URL scheme (Spark's MySQL dialect only matches `jdbc:mysql`), Connector/J's
 * `sslMode` (VERIFY_IDENTITY checks the chain and the host name against the JVM's trust store), UTC session time
 * zone, batched inserts rewritten into multi-row statements.
 */
export function dataflowJdbcUrl(target: DataflowJdbcTarget): string {
  const ssl = SSL_MODES[target.tls ?? 'verify-identity'];
  return `jdbc:mysql://${target.host}:${String(target.port)}/${target.database}?sslMode=${ssl}&connectionTimeZone=UTC&rewriteBatchedStatements=true`;
}

/** One problem with a set of parameter values. */
export interface DataflowParameterProblem {
  readonly name: string;
  readonly message: string;
}

/**
 * What is wrong with a set of parameter values: a parameter the application does not take, a missing or empty one,
 * a value Spark would redact, or a credential that is not a Vault secret OCID in redaction-safe form. A value may be
 * an unresolved infra reference (`${...}`), which is checked where it resolves. Empty when all is well.
 */
export function dataflowParameterProblems(
  values: Readonly<Record<string, string | undefined>>,
): DataflowParameterProblem[] {
  const known = new Set<string>(DATAFLOW_PARAMETERS);
  const problems: DataflowParameterProblem[] = Object.keys(values)
    .filter((name) => !known.has(name))
    .map((name) => ({ name, message: `${name} is not a parameter of the Data Flow application` }));
  for (const name of DATAFLOW_PARAMETERS) {
    const value = values[name];
    if (value === undefined || value === '') problems.push({ name, message: `${name} has no value` });
  }
  for (const name of DATAFLOW_PARAMETERS) {
    const value = values[name];
    if (value !== undefined && !value.includes('${') && SPARK_REDACTED_VALUE.test(value)) {
      problems.push({
        name,
        message: `${name} contains a word Spark redacts before substitution (${SPARK_REDACTED_VALUE.source}); ${name === DATAFLOW_CREDENTIAL_PARAMETER ? 'give the OCID through redactionSafe()' : 'rename what it names'}`,
      });
    }
  }
  const credential = values[DATAFLOW_CREDENTIAL_PARAMETER];
  if (
    credential !== undefined &&
    credential !== '' &&
    !credential.includes('${') &&
    !new RegExp(VAULT_SECRET_OCID_PATTERN).test(credential.split(REDACTION_BREAK).join(''))
  ) {
    problems.push({
      name: DATAFLOW_CREDENTIAL_PARAMETER,
      message: `${DATAFLOW_CREDENTIAL_PARAMETER} must be a Vault secret OCID (ocid1.vaultsecret...), never a password`,
    });
  }
  return problems;
}

/**
 * The application's parameters as Data Flow takes them (name/value pairs, in contract order). Throws naming every
 * problem of {@link dataflowParameterProblems}, so infra fails at synth time and a run before it is submitted.
 */
export function dataflowParameterList(
  values: DataflowParameters,
): { readonly name: DataflowParameterName; readonly value: string }[] {
  const problems = dataflowParameterProblems(values);
  if (problems.length > 0) {
    throw new Error(`Data Flow parameters: ${problems.map((p) => p.message).join('; ')}`);
  }
  return DATAFLOW_PARAMETERS.map((name) => ({ name, value: values[name] }));
}
