import { describe, expect, it } from 'vitest';
import {
  DATAFLOW_ARCHIVE,
  DATAFLOW_ARCHIVE_ENTRIES,
  DATAFLOW_CREDENTIAL_PARAMETER,
  DATAFLOW_PARAMETERS,
  DATAFLOW_PARAMETER_MEANINGS,
  dataflowJdbcUrl,
  dataflowParameterList,
  dataflowParameterProblems,
  mavenCoordinates,
  REDACTION_SAFE_REPLACEMENTS,
  SPARK_REDACTED_VALUE,
  redactionSafe,
  type DataflowParameters,
} from './dataflow-application.js';

const values: DataflowParameters = {
  raw_path: 'oci://raw@ns/',
  rejects_path: 'oci://df@ns/bulk-load/rejects/',
  silver_path: 'oci://silver@ns',
  jdbc_connection: 'jdbc:mysql://db:3306/app?sslMode=VERIFY_IDENTITY',
  jdbc_driver: 'com.mysql.cj.jdbc.Driver',
  jdbc_user: 'app',
  jdbc_credential: redactionSafe('ocid1.vaultsecret.oc1.eu-frankfurt-1.app'),
};

describe('the Data Flow application contract', () => {
  it('names its parameters so that Spark does not redact their values, and explains each', () => {
    for (const name of DATAFLOW_PARAMETERS) {
      expect(name).toMatch(/^[a-z0-9_]+$/);
      expect(name).not.toMatch(/url|password|secret|token/i);
    }
    expect(Object.keys(DATAFLOW_PARAMETER_MEANINGS).sort()).toEqual([...DATAFLOW_PARAMETERS].sort());
    expect(DATAFLOW_PARAMETERS).toContain(DATAFLOW_CREDENTIAL_PARAMETER);
  });

  it('lists the parameters as name/value pairs in contract order', () => {
    expect(dataflowParameterList(values).map((p) => p.name)).toEqual([...DATAFLOW_PARAMETERS]);
  });

  it('refuses unknown, missing and empty parameters and a credential that is not a secret OCID', () => {
    const withoutUser: Record<string, string> = { ...values };
    delete withoutUser['jdbc_user'];
    expect(
      dataflowParameterProblems({
        ...withoutUser,
        raw_path: '',
        jdbc_pass: 'x',
        jdbc_credential: 's3cret',
      }).map((p) => p.name),
    ).toEqual(['jdbc_pass', 'raw_path', 'jdbc_user', 'jdbc_credential']);
    expect(() => dataflowParameterList({ ...values, jdbc_credential: 'hunter2' })).toThrow(
      /jdbc_credential must be a Vault secret OCID/,
    );
  });

  it('breaks every word Spark redacts in a value, so that the value survives substitution', () => {
    expect(redactionSafe('ocid1.vaultsecret.oc1.eu-frankfurt-1.aaurlbb')).toBe(
      'ocid1.vaultsecre~t.oc1.eu-frankfurt-1.aaur~lbb',
    );
    const words = 'SECRET password Token access.key accesskey URL';
    expect(SPARK_REDACTED_VALUE.test(words)).toBe(true);
    expect(SPARK_REDACTED_VALUE.test(redactionSafe(words))).toBe(false);
    expect(redactionSafe(words).split('~').join('')).toBe(words);
    expect(redactionSafe('oci://raw@ns/2026/')).toBe('oci://raw@ns/2026/');
    // Terraform's replace() takes RE2 with an inline flag and $n references.
    expect(REDACTION_SAFE_REPLACEMENTS[0]).toEqual({ pattern: '/(?i)(secre)(t)/', replacement: '$1~$2' });
  });

  it('refuses a value Spark would redact, naming the parameter', () => {
    expect(dataflowParameterProblems({ ...values, raw_path: 'oci://secret-data@ns/' })).toEqual([
      { name: 'raw_path', message: expect.stringMatching(/raw_path contains a word Spark redacts/) },
    ]);
    expect(
      dataflowParameterProblems({ ...values, jdbc_credential: 'ocid1.vaultsecret.oc1.x' }).map(
        (p) => p.message,
      ),
    ).toEqual([expect.stringMatching(/give the OCID through redactionSafe/)]);
  });

  it('accepts an unresolved infra reference as the credential', () => {
    expect(dataflowParameterProblems({ ...values, jdbc_credential: '${oci_vault_secret.app.id}' })).toEqual(
      [],
    );
  });

  it('builds the JDBC URL with TLS verified against the host name unless told otherwise', () => {
    expect(dataflowJdbcUrl({ host: 'db.example', port: 3306, database: 'app' })).toBe(
      'jdbc:mysql://db.example:3306/app?sslMode=VERIFY_IDENTITY&connectionTimeZone=UTC&rewriteBatchedStatements=true',
    );
    expect(dataflowJdbcUrl({ host: '127.0.0.1', port: '13306', database: 'it', tls: 'disabled' })).toContain(
      ':13306/it?sslMode=DISABLED&',
    );
  });

  it('ships Connector/J and the provider jar under java/, with Maven coordinates for the fetch', () => {
    expect(DATAFLOW_ARCHIVE_ENTRIES).toEqual([
      'java/mysql-connector-j-8.4.0.jar',
      'java/lakehouse-jdbc-provider.jar',
    ]);
    for (const entry of DATAFLOW_ARCHIVE_ENTRIES)
      expect(entry.startsWith(DATAFLOW_ARCHIVE.jarFolder)).toBe(true);
    expect(mavenCoordinates(DATAFLOW_ARCHIVE.mysqlConnector.artifact)).toBe(
      'com.mysql:mysql-connector-j:8.4.0',
    );
    expect(DATAFLOW_ARCHIVE.provider.ociSdkIndex.startsWith(DATAFLOW_ARCHIVE.provider.ociSdkFolder)).toBe(
      true,
    );
  });
});
