import { DATAFLOW_PARAMETERS, type DataflowParameters } from '@lakehouse/contracts';
import { createLogger } from '@lakehouse/runtime';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { DATAFLOW_SQL_PARAMETERS } from '../spark/generate-dataflow-sql.js';
import {
  cloudJdbcUrl,
  createApplicationRequest,
  createRunRequest,
  dataflowParameters,
  dataflowRunSettings,
  putObjectRequest,
  uploadPlan,
  type DataflowRunSettings,
} from './dataflow-requests.js';
import { submitDataflowRun, type DataflowPort } from './dataflow-submit.js';
import { assertOciCredentials } from './oci-credentials.js';

const settings: DataflowRunSettings = {
  compartmentId: 'ocid1.compartment.oc1..aaa',
  namespace: 'ns',
  bucket: 'raw',
  runPrefix: 'bulk-load/run-1/',
  displayName: 'bulk-load run-1',
  sparkVersion: '3.5.0',
  driverShape: 'VM.Standard.E4.Flex',
  driverSize: { ocpus: 2, memoryGb: 32 },
  executorShape: 'VM.Standard.E4.Flex',
  executorSize: { ocpus: 1, memoryGb: 16 },
  numExecutors: 2,
  logsBucketUri: 'oci://logs@ns/dataflow/',
  archiveUri: 'oci://raw@ns/archive.zip',
  jdbcCredentialOcid: 'ocid1.vaultsecret.oc1.eu-frankfurt-1.amaaaapw',
};
const db = { host: '10.0.1.5', port: 3306, database: 'telemetry', user: 'loader', password: 'Pa55-w0rd!' };
const parameters: DataflowParameters = dataflowParameters(settings, db);

describe('Data Flow requests', () => {
  it('uploads the script and every raw file under the run prefix, keeping relative paths', () => {
    expect(
      uploadPlan(settings, '/tmp/job.sql', '/data/raw', ['/data/raw/a.csv', '/data/raw/2026/b.parquet']),
    ).toEqual([
      { localPath: '/tmp/job.sql', objectName: 'bulk-load/run-1/job.sql' },
      { localPath: '/data/raw/a.csv', objectName: 'bulk-load/run-1/raw/a.csv' },
      { localPath: '/data/raw/2026/b.parquet', objectName: 'bulk-load/run-1/raw/2026/b.parquet' },
    ]);
    expect(putObjectRequest(settings, { localPath: '/x', objectName: 'o' }, 12)).toEqual({
      namespaceName: 'ns',
      bucketName: 'raw',
      objectName: 'o',
      contentLength: 12,
    });
  });

  it('gives every parameter of the generated script a value, with oci:// paths and a TLS JDBC URL', () => {
    expect(Object.keys(parameters).sort()).toEqual([...DATAFLOW_SQL_PARAMETERS].sort());
    expect(parameters.raw_path).toBe('oci://raw@ns/bulk-load/run-1/raw/');
    expect(parameters.silver_path).toBe('oci://raw@ns/bulk-load/run-1/silver');
    expect(cloudJdbcUrl(db)).toBe(
      'jdbc:mysql://10.0.1.5:3306/telemetry?sslMode=VERIFY_IDENTITY&connectionTimeZone=UTC&rewriteBatchedStatements=true',
    );
  });

  it('never sends the DB password: the credential parameter is the Vault secret OCID, redaction-safe', () => {
    const sent = [
      createApplicationRequest(settings, parameters).createApplicationDetails.parameters,
      createRunRequest(settings, 'app', parameters, 't').createRunDetails.parameters,
    ];
    for (const list of sent) {
      expect(JSON.stringify(list)).not.toContain(db.password);
      expect(list?.map((p) => p.name)).toEqual([...DATAFLOW_PARAMETERS]);
      expect(list?.find((p) => p.name === 'jdbc_credential')?.value).toBe(
        'ocid1.vaultsecre~t.oc1.eu-frankfurt-1.amaaaapw',
      );
    }
    expect(Object.values(parameters)).not.toContain(db.password);
  });

  it('creates a SQL application on the uploaded script with Flex shape sizes, archive and logs bucket', () => {
    const request = createApplicationRequest(settings, parameters);
    expect(request.createApplicationDetails).toEqual({
      compartmentId: 'ocid1.compartment.oc1..aaa',
      displayName: 'bulk-load run-1',
      language: 'SQL',
      fileUri: 'oci://raw@ns/bulk-load/run-1/job.sql',
      sparkVersion: '3.5.0',
      driverShape: 'VM.Standard.E4.Flex',
      driverShapeConfig: { ocpus: 2, memoryInGBs: 32 },
      executorShape: 'VM.Standard.E4.Flex',
      executorShapeConfig: { ocpus: 1, memoryInGBs: 16 },
      numExecutors: 2,
      parameters: DATAFLOW_PARAMETERS.map((name) => ({ name, value: parameters[name] })),
      archiveUri: 'oci://raw@ns/archive.zip',
      logsBucketUri: 'oci://logs@ns/dataflow/',
    });
  });

  it('sends no shape config for fixed shapes, whose size is part of the shape', () => {
    const fixed = createApplicationRequest(
      { ...settings, driverShape: 'VM.Standard2.1', executorShape: 'VM.Standard2.2' },
      parameters,
    ).createApplicationDetails;
    expect(fixed).not.toHaveProperty('driverShapeConfig');
    expect(fixed).not.toHaveProperty('executorShapeConfig');
  });

  it('takes shape sizes from settings and refuses to run without the archive and the credential secret', () => {
    const env = {
      OCI_COMPARTMENT_ID: 'ocid1.compartment.oc1..aaa',
      OCI_NAMESPACE: 'ns',
      DATAFLOW_BUCKET: 'raw',
      DATAFLOW_DRIVER_OCPUS: '4',
      DATAFLOW_EXECUTOR_MEMORY_GB: '64',
    };
    expect(() => dataflowRunSettings(loadConfig(env), 'run-1')).toThrow(
      /dataflow run needs DATAFLOW_ARCHIVE_URI, DATAFLOW_JDBC_CREDENTIAL_OCID/,
    );
    const complete = dataflowRunSettings(
      loadConfig({
        ...env,
        DATAFLOW_ARCHIVE_URI: 'oci://df@ns/bulk-load/archive.zip',
        DATAFLOW_JDBC_CREDENTIAL_OCID: 'ocid1.vaultsecret.oc1.eu-frankfurt-1.x',
      }),
      'run-1',
    );
    expect(complete).toMatchObject({
      driverSize: { ocpus: 4, memoryGb: 16 },
      executorSize: { ocpus: 1, memoryGb: 64 },
      archiveUri: 'oci://df@ns/bulk-load/archive.zip',
      runPrefix: 'bulk-load/run-1/',
    });
    expect(() => loadConfig({ DATAFLOW_JDBC_CREDENTIAL_OCID: 'hunter2' })).toThrow(
      /DATAFLOW_JDBC_CREDENTIAL_OCID/,
    );
  });

  it('creates the run with the parameters as name/value pairs and a retry token', () => {
    const request = createRunRequest(settings, 'ocid1.dataflowapplication.oc1..app', parameters, 'token-1');
    expect(request).toEqual({
      createRunDetails: {
        applicationId: 'ocid1.dataflowapplication.oc1..app',
        compartmentId: 'ocid1.compartment.oc1..aaa',
        displayName: 'bulk-load run-1',
        parameters: DATAFLOW_PARAMETERS.map((name) => ({ name, value: parameters[name] })),
        logsBucketUri: 'oci://logs@ns/dataflow/',
      },
      opcRetryToken: 'token-1',
    });
  });
});

describe('OCI credentials', () => {
  it('fails fast with a clear message when the config file is missing', () => {
    expect(() => assertOciCredentials('/nonexistent/oci/config', 'DEFAULT')).toThrow(
      /no OCI config file at \/nonexistent\/oci\/config.*oci setup config/,
    );
  });

  it('names the missing profile and missing keys', () => {
    const read = () => '[DEFAULT]\nuser=ocid1.user.oc1..u\nregion=eu-frankfurt-1\n[OTHER]\nuser=x\n';
    expect(() => assertOciCredentials('/c', 'PROD', read, () => true)).toThrow(
      /profile \[PROD\] is not in \/c/,
    );
    expect(() => assertOciCredentials('/c', 'DEFAULT', read, () => true)).toThrow(
      /lacks fingerprint, tenancy, key_file/,
    );
  });
});

describe('Data Flow submit', () => {
  it('uploads, creates the application and the run, and follows it until it succeeds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'df-'));
    await writeFile(join(dir, 'job.sql'), 'SELECT 1;');
    const calls: string[] = [];
    const states = ['IN_PROGRESS', 'IN_PROGRESS', 'SUCCEEDED'];
    const port: DataflowPort = {
      putObject: async (r) => void calls.push(`put ${r.objectName}`),
      createApplication: async () => (calls.push('app'), { application: { id: 'app-1' } }),
      createRun: async (r) => (
        calls.push(`run ${r.createRunDetails.applicationId}`),
        { run: { id: 'run-1', lifecycleState: 'ACCEPTED' } }
      ),
      getRun: async () => ({
        run: { id: 'run-1', lifecycleState: states.shift()!, logsBucketUri: 'oci://logs@ns/dataflow/' },
      }),
    };
    const progress: string[] = [];
    const outcome = await submitDataflowRun({
      port,
      settings,
      uploads: [{ localPath: join(dir, 'job.sql'), objectName: 'bulk-load/run-1/job.sql' }],
      parameters,
      pollIntervalMs: 1,
      logger: createLogger({ name: 't', level: 'silent' }),
      onProgress: (l) => progress.push(l),
    });
    expect(calls).toEqual(['put bulk-load/run-1/job.sql', 'app', 'run app-1']);
    expect(outcome).toMatchObject({
      runId: 'run-1',
      state: 'SUCCEEDED',
      logsBucketUri: 'oci://logs@ns/dataflow/',
    });
    expect(progress.some((l) => l.includes('ACCEPTED -> IN_PROGRESS'))).toBe(true);
  });

  it('reports a failed run with its details and logs location', async () => {
    const port: DataflowPort = {
      putObject: async () => undefined,
      createApplication: async () => ({ application: { id: 'app-1' } }),
      createRun: async () => ({ run: { id: 'run-2', lifecycleState: 'ACCEPTED' } }),
      getRun: async () => ({
        run: {
          id: 'run-2',
          lifecycleState: 'FAILED',
          lifecycleDetails: 'JDBC timeout',
          logsBucketUri: 'oci://logs@ns/x/',
        },
      }),
    };
    await expect(
      submitDataflowRun({
        port,
        settings,
        uploads: [],
        parameters,
        pollIntervalMs: 1,
        logger: createLogger({ name: 't', level: 'silent' }),
        onProgress: () => undefined,
      }),
    ).rejects.toMatchObject({
      code: 'DATAFLOW_RUN_FAILED',
      message: expect.stringMatching(/FAILED: JDBC timeout; logs in oci:\/\/logs@ns\/x\//),
    });
  });
});
