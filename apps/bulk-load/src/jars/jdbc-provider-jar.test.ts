import { DATAFLOW_ARCHIVE, JDBC_CREDENTIAL_PROVIDER, REDACTION_BREAK } from '@lakehouse/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JDBC_PROVIDER_SOURCE_DIR, javacArgs, javacFor } from './jdbc-provider-jar.js';

const java = (file: string): string =>
  readFileSync(join(JDBC_PROVIDER_SOURCE_DIR, 'java', 'lakehouse', 'jdbc', file), 'utf8');

describe('the Spark JDBC connection provider', () => {
  it('uses the names of the Data Flow application contract', () => {
    const provider = java('VaultCredentialConnectionProvider.java');
    expect(provider).toContain(`NAME = "${JDBC_CREDENTIAL_PROVIDER.name}"`);
    expect(provider).toContain(`CREDENTIAL_OPTION = "${JDBC_CREDENTIAL_PROVIDER.credentialOption}"`);
    expect(JDBC_CREDENTIAL_PROVIDER.className).toBe('lakehouse.jdbc.VaultCredentialConnectionProvider');
    const credentials = java('Credentials.java');
    expect(credentials).toContain(`STAND_IN_FILE_CONF = "${JDBC_CREDENTIAL_PROVIDER.standInFileConf}"`);
    expect(credentials).toContain(`REDACTION_BREAK = "${REDACTION_BREAK}"`);
    const vault = java('OciVault.java');
    expect(vault).toContain(`SDK_FOLDER = "${DATAFLOW_ARCHIVE.provider.ociSdkFolder}"`);
    expect(vault).toContain(`SDK_INDEX = "${DATAFLOW_ARCHIVE.provider.ociSdkIndex}"`);
  });

  it('is registered with Spark through META-INF/services', () => {
    const service = readFileSync(
      join(
        JDBC_PROVIDER_SOURCE_DIR,
        'resources/META-INF/services/org.apache.spark.sql.jdbc.JdbcConnectionProvider',
      ),
      'utf8',
    );
    expect(service.trim()).toBe(JDBC_CREDENTIAL_PROVIDER.className);
  });

  it('compiles for Java 17 against the Spark jars, with javac beside the configured java', () => {
    expect(javacFor('java')).toBe('javac');
    expect(javacFor('/usr/lib/jvm/java-17/bin/java')).toBe('/usr/lib/jvm/java-17/bin/javac');
    const args = javacArgs('/stack/spark/lib', '/b/classes', ['/s/A.java']);
    expect(args.slice(0, 2)).toEqual(['--release', '17']);
    expect(args).toContain('/stack/spark/lib/*');
    expect(args.slice(-3)).toEqual(['-d', '/b/classes', '/s/A.java']);
  });
});
