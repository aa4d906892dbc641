import { createLogger } from '@lakehouse/runtime';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATAFLOW_SQL_PARAMETERS } from '../spark/generate-dataflow-sql.js';
import {
  cloudJdbcUrl,
  createApplicationRequest,
  createRunRequest,
  dataflowParameters,
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
  executorShape: 'VM.Standard.E4.Flex',
  numExecutors: 2,
  logsBucketUri: 'oci://logs@ns/dataflow/',
  archiveUri: 'oci://raw@ns/archive.zip',
};
const db = { host: '10.0.1.5', port: 3306, database: 'telemetry', user: 'loader', password: 's3cret' };

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
    const parameters = dataflowParameters(settings, db);
    expect(Object.keys(parameters).sort()).toEqual([...DATAFLOW_SQL_PARAMETERS].sort());
    expect(parameters.raw_path).toBe('oci://raw@ns/bulk-load/run-1/raw/');
    expect(parameters.silver_path).toBe('oci://raw@ns/bulk-load/run-1/silver');
    expect(cloudJdbcUrl(db)).toBe(
      'jdbc:mysql://10.0.1.5:3306/telemetry?sslMode=REQUIRED&connectionTimeZone=UTC&rewriteBatchedStatements=true',
    );
  });

  it('creates a SQL application on the uploaded script with shapes, archive and logs bucket', () => {
    const request = createApplicationRequest(settings, { raw_path: 'oci://raw@ns/x/' });
    expect(request.createApplicationDetails).toEqual({
      compartmentId: 'ocid1.compartment.oc1..aaa',
      displayName: 'bulk-load run-1',
      language: 'SQL',
      fileUri: 'oci://raw@ns/bulk-load/run-1/job.sql',
      sparkVersion: '3.5.0',
      driverShape: 'VM.Standard.E4.Flex',
      executorShape: 'VM.Standard.E4.Flex',
      numExecutors: 2,
      parameters: [{ name: 'raw_path', value: 'oci://raw@ns/x/' }],
      archiveUri: 'oci://raw@ns/archive.zip',
      logsBucketUri: 'oci://logs@ns/dataflow/',
    });
  });

  it('creates the run with the parameters as name/value pairs and a retry token', () => {
    const request = createRunRequest(
      settings,
      'ocid1.dataflowapplication.oc1..app',
      { a: '1', b: '2' },
      'token-1',
    );
    expect(request).toEqual({
      createRunDetails: {
        applicationId: 'ocid1.dataflowapplication.oc1..app',
        compartmentId: 'ocid1.compartment.oc1..aaa',
        displayName: 'bulk-load run-1',
        parameters: [
          { name: 'a', value: '1' },
          { name: 'b', value: '2' },
        ],
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
      parameters: {},
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
        parameters: {},
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
