import { DATAFLOW_ARCHIVE, DATAFLOW_ARCHIVE_ENTRIES, redactionSafe } from '@lakehouse/contracts';
import { stackDir } from '@lakehouse/testing';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureJdbcProviderJar } from '../jars/jdbc-provider-jar.js';
import { listZip, readStoredEntry } from '../jars/zip-file.js';
import { PACKAGE_FILES, buildDataflowArchive, mavenArchiveJars } from './dataflow-archive.js';

const javaBin = process.env['JAVA_BIN'] ?? 'java';
const sparkJarsDir = join(stackDir(process.env), 'spark', 'lib');
const SECRET = 'ocid1.vaultsecret.oc1.eu-frankfurt-1.amaaaaaaexample';

/** The environment of this process without any resource principal of its own. */
function envWithout(prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => !e[0].startsWith(prefix) && e[1] !== undefined,
    ),
  );
}

describe('the Data Flow archive built from Maven Central', () => {
  let dir: string;
  let providerJar: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulk-load-archive-'));
    await buildDataflowArchive({
      providerJar: await ensureJdbcProviderJar({ javaBin, sparkJarsDir }),
      fetchJars: mavenArchiveJars(process.env['MVN_BIN'] ?? 'mvn'),
      outDir: dir,
      sql: 'SELECT 1;\n',
    });
    const archive = await readFile(join(dir, PACKAGE_FILES.archive));
    expect(listZip(archive).map((e) => e.name)).toEqual([...DATAFLOW_ARCHIVE_ENTRIES]);
    providerJar = join(dir, 'provider.jar');
    await writeFile(providerJar, readStoredEntry(archive, DATAFLOW_ARCHIVE.provider.entry));
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  /** The provider's CredentialCheck, run as Data Flow would load it: the archive's jar beside Spark's. */
  const check = (args: readonly string[], env: Record<string, string>) =>
    spawnSync(
      javaBin,
      [
        ...args,
        '-cp',
        `${providerJar}:${sparkJarsDir}/*`,
        'lakehouse.jdbc.CredentialCheck',
        redactionSafe(SECRET),
      ],
      {
        env,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );

  it('nests the OCI SDK closure in the provider jar, listed in its index', async () => {
    const jar = await readFile(providerJar);
    const index = readStoredEntry(jar, DATAFLOW_ARCHIVE.provider.ociSdkIndex).toString().trim().split('\n');
    for (const a of DATAFLOW_ARCHIVE.provider.ociSdkArtifacts)
      expect(index).toContain(`${a.artifactId}-${a.version}.jar`);
    expect(index.some((j) => j.startsWith('jersey-client-3.'))).toBe(true);
    expect(listZip(jar).map((e) => e.name)).toEqual(
      expect.arrayContaining([
        'META-INF/services/org.apache.spark.sql.jdbc.JdbcConnectionProvider',
        ...index.map((j) => `oci-sdk/${j}`),
      ]),
    );
  });

  it('resolves a credential from the stand-in file named by the Spark conf', async () => {
    const standIn = join(dir, 'stand-in.json');
    await writeFile(standIn, JSON.stringify({ [SECRET]: 'pässwörd"x' }), { mode: 0o600 });
    const run = check(
      [`-Dspark.lakehouse.vault.standInFile=${standIn}`],
      envWithout('OCI_RESOURCE_PRINCIPAL_'),
    );
    expect(run.stdout).toContain('from the Vault stand-in file: 10 characters');
    expect(run.status).toBe(0);
  });

  it('without a stand-in reads OCI Vault with the resource principal, through the nested SDK', () => {
    const bare = check([], envWithout('OCI_RESOURCE_PRINCIPAL_'));
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain('OCI_RESOURCE_PRINCIPAL_VERSION environment variable missing');
  });

  it('gets as far as the Vault request with a resource principal session (a realm that cannot resolve)', async () => {
    // A resource principal v2.2 session like Data Flow's (token and session key), in a made-up region whose realm
    // domain is `.invalid` (RFC 2606: never resolves), so the request fails at DNS and nothing leaves the machine.
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const nowS = Math.floor(Date.now() / 1000);
    const token = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({
      sub: 'ocid1.dataflowrun.oc1..run',
      res_tenant: 'ocid1.tenancy.oc1..t',
      res_compartment: 'ocid1.compartment.oc1..c',
      res_type: 'dataflowrun',
      res_id: 'ocid1.dataflowrun.oc1..run',
      iat: nowS,
      exp: nowS + 3_600,
    })}.c2ln`;
    await writeFile(join(dir, 'rpst'), token, { mode: 0o600 });
    await writeFile(join(dir, 'rp.pem'), privateKey, { mode: 0o600 });
    const run = check([], {
      ...envWithout('OCI_'),
      // The SDK retries a failed call for minutes by default; one attempt says enough here.
      OCI_SDK_DEFAULT_RETRY_ENABLED: 'false',
      OCI_RESOURCE_PRINCIPAL_VERSION: '2.2',
      OCI_RESOURCE_PRINCIPAL_RPST: join(dir, 'rpst'),
      OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: join(dir, 'rp.pem'),
      OCI_RESOURCE_PRINCIPAL_REGION: 'local-test-1',
      OCI_REGION_METADATA: JSON.stringify({
        realmKey: 'oc99',
        realmDomainComponent: 'invalid',
        regionKey: 'LTX',
        regionIdentifier: 'local-test-1',
      }),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('UnknownHostException: secrets.vaults.local-test-1.oci.invalid');
  });
});
