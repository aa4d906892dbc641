import { DATAFLOW_ARCHIVE, DATAFLOW_ARCHIVE_ENTRIES, DATAFLOW_PARAMETERS } from '@lakehouse/contracts';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listZip, readStoredEntry, zipBytes } from '../jars/zip-file.js';
import {
  PACKAGE_FILES,
  buildDataflowArchive,
  mavenClosureArgs,
  mavenCopyArgs,
  ociSdkPom,
  type ArchiveManifest,
} from './dataflow-archive.js';

const SERVICE = 'META-INF/services/org.apache.spark.sql.jdbc.JdbcConnectionProvider';

describe('the Data Flow archive', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'df-archive-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds exactly the contract entries under java/, the provider jar carrying the OCI SDK nested', async () => {
    const providerJar = join(dir, 'lakehouse-jdbc-provider.jar');
    await writeFile(
      providerJar,
      zipBytes([
        { name: 'lakehouse/jdbc/VaultCredentialConnectionProvider.class', data: Buffer.from('class') },
        { name: SERVICE, data: Buffer.from('lakehouse.jdbc.VaultCredentialConnectionProvider\n') },
      ]),
    );
    const fetched: string[] = [];
    const manifest = await buildDataflowArchive({
      providerJar,
      outDir: dir,
      sql: 'SELECT 1;\n',
      fetchJars: async (scratch) => {
        fetched.push(scratch);
        const connector = join(scratch, 'mysql-connector-j-8.4.0.jar');
        await writeFile(connector, 'connector');
        const sdk = ['oci-java-sdk-secrets-3.79.0.jar', 'jackson-core-2.19.2.jar'].map((n) =>
          join(scratch, n),
        );
        for (const f of sdk) await writeFile(f, f);
        return { mysqlConnectorJar: connector, ociSdkJars: sdk };
      },
    });

    const archive = await readFile(join(dir, PACKAGE_FILES.archive));
    expect(listZip(archive).map((e) => e.name)).toEqual([...DATAFLOW_ARCHIVE_ENTRIES]);
    expect(readStoredEntry(archive, DATAFLOW_ARCHIVE.mysqlConnector.entry).toString()).toBe('connector');
    const provider = readStoredEntry(archive, DATAFLOW_ARCHIVE.provider.entry);
    expect(listZip(provider).map((e) => e.name)).toEqual([
      'lakehouse/jdbc/VaultCredentialConnectionProvider.class',
      SERVICE,
      'oci-sdk/index.txt',
      'oci-sdk/jackson-core-2.19.2.jar',
      'oci-sdk/oci-java-sdk-secrets-3.79.0.jar',
    ]);
    expect(readStoredEntry(provider, DATAFLOW_ARCHIVE.provider.ociSdkIndex).toString()).toBe(
      'jackson-core-2.19.2.jar\noci-java-sdk-secrets-3.79.0.jar\n',
    );

    const written = JSON.parse(await readFile(join(dir, PACKAGE_FILES.manifest), 'utf8')) as ArchiveManifest;
    expect(written).toEqual(manifest);
    expect(manifest.entries.map((e) => e.name)).toEqual([...DATAFLOW_ARCHIVE_ENTRIES]);
    expect(manifest.parameters).toEqual([...DATAFLOW_PARAMETERS]);
    expect(manifest.artifacts.mysqlConnector).toBe('com.mysql:mysql-connector-j:8.4.0');
    expect(await readFile(join(dir, PACKAGE_FILES.sql), 'utf8')).toBe('SELECT 1;\n');
    // The scratch folder of the fetch is gone.
    expect(fetched).toHaveLength(1);
    await expect(readFile(join(fetched[0]!, 'mysql-connector-j-8.4.0.jar'))).rejects.toThrow();
  });

  it('fetches Connector/J alone and the OCI SDK with its closure from Maven', () => {
    expect(mavenCopyArgs(DATAFLOW_ARCHIVE.mysqlConnector.artifact, '/o')).toEqual([
      '-B',
      '-q',
      '-Dstyle.color=never',
      'dependency:copy',
      '-Dartifact=com.mysql:mysql-connector-j:8.4.0',
      '-DoutputDirectory=/o',
    ]);
    expect(mavenClosureArgs('/p/pom.xml', '/o')).toContain('dependency:copy-dependencies');
    const pom = ociSdkPom(DATAFLOW_ARCHIVE.provider.ociSdkArtifacts);
    for (const a of DATAFLOW_ARCHIVE.provider.ociSdkArtifacts)
      expect(pom).toContain(`<artifactId>${a.artifactId}</artifactId><version>${a.version}</version>`);
  });
});
