import type { DataflowParameters } from '@lakehouse/contracts';
import { checkOciConfigFile, configFileAuthProvider } from '@lakehouse/oci';
import { AppError, UpstreamError, formatSeconds, type Logger } from '@lakehouse/runtime';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { requests as dataflowRequests } from 'oci-dataflow';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  TERMINAL_RUN_STATES,
  createApplicationRequest,
  createRunRequest,
  putObjectRequest,
  type DataflowRunSettings,
  type UploadItem,
} from './dataflow-requests.js';

/** The few SDK calls the submit uses; the OCI SDK clients satisfy it, tests pass their own. */
export interface DataflowPort {
  putObject(request: ReturnType<typeof putObjectRequest> & { putObjectBody: Readable }): Promise<unknown>;
  createApplication(
    request: ReturnType<typeof createApplicationRequest>,
  ): Promise<{ application: { id: string } }>;
  createRun(
    request: ReturnType<typeof createRunRequest>,
  ): Promise<{ run: { id: string; lifecycleState: string } }>;
  getRun(request: { runId: string }): Promise<{
    run: {
      id: string;
      lifecycleState: string;
      lifecycleDetails?: string;
      logsBucketUri?: string;
      dataReadInBytes?: number;
      dataWrittenInBytes?: number;
      runDurationInMilliseconds?: number;
    };
  }>;
}

/** Outcome of a finished Data Flow run. */
export interface DataflowRunOutcome {
  readonly runId: string;
  readonly state: string;
  readonly details?: string;
  readonly logsBucketUri?: string;
  readonly seconds: number;
}

async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err: unknown) {
    throw new UpstreamError(
      'OCI_REQUEST_FAILED',
      `OCI ${what} failed: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
        retryable: false,
      },
    );
  }
}

/**
 * Uploads the script and raw files, creates the SQL application and a run with the parameters, then follows the
 * run until it ends, reporting state changes and a heartbeat. Throws DATAFLOW_RUN_FAILED unless it succeeded.
 */
export async function submitDataflowRun(options: {
  readonly port: DataflowPort;
  readonly settings: DataflowRunSettings;
  readonly uploads: readonly UploadItem[];
  readonly parameters: DataflowParameters;
  readonly pollIntervalMs: number;
  readonly logger: Logger;
  readonly onProgress: (line: string) => void;
  readonly now?: () => number;
}): Promise<DataflowRunOutcome> {
  const { port, settings, logger, onProgress } = options;
  const now = options.now ?? (() => performance.now());
  let index = 0;
  for (const item of options.uploads) {
    index += 1;
    const size = (await stat(item.localPath)).size;
    onProgress(
      `upload ${String(index)}/${String(options.uploads.length)} ${item.objectName} (${String(size)} bytes)`,
    );
    await call(`upload of ${item.objectName}`, () =>
      port.putObject({
        ...putObjectRequest(settings, item, size),
        putObjectBody: createReadStream(item.localPath),
      }),
    );
  }
  const { application } = await call('createApplication', () =>
    port.createApplication(createApplicationRequest(settings, options.parameters)),
  );
  logger.info({ applicationId: application.id }, 'Data Flow application created');
  const { run } = await call('createRun', () =>
    port.createRun(createRunRequest(settings, application.id, options.parameters, randomUUID())),
  );
  const started = now();
  onProgress(`run ${run.id} ${run.lifecycleState}`);
  let state = run.lifecycleState;
  for (;;) {
    await sleep(options.pollIntervalMs);
    const current = (await call('getRun', () => port.getRun({ runId: run.id }))).run;
    const elapsed = formatSeconds(now() - started, 0);
    if (current.lifecycleState !== state)
      onProgress(`run ${run.id} ${state} -> ${current.lifecycleState} after ${elapsed}`);
    else onProgress(`run ${run.id} still ${state}, ${elapsed}`);
    state = current.lifecycleState;
    if (TERMINAL_RUN_STATES.has(state)) {
      const outcome: DataflowRunOutcome = {
        runId: run.id,
        state,
        ...(current.lifecycleDetails === undefined ? {} : { details: current.lifecycleDetails }),
        ...(current.logsBucketUri === undefined ? {} : { logsBucketUri: current.logsBucketUri }),
        seconds: (now() - started) / 1000,
      };
      if (state !== 'SUCCEEDED') {
        throw new AppError(
          'DATAFLOW_RUN_FAILED',
          `Data Flow run ${run.id} ended ${state}: ${current.lifecycleDetails ?? 'no details'}; logs in ${current.logsBucketUri ?? 'the logs bucket'}`,
          { context: { ...outcome } },
        );
      }
      return outcome;
    }
  }
}

/** The OCI SDK behind {@link DataflowPort}, loaded only when a Data Flow command runs. */
export async function ociDataflowPort(configFile: string, profile: string): Promise<DataflowPort> {
  const dataflow = await import('oci-dataflow');
  const objectstorage = await import('oci-objectstorage');
  // Checks file, profile, keys and region before any call, naming everything missing (OCI_CREDENTIALS_MISSING).
  const provider = configFileAuthProvider(checkOciConfigFile({ configFile, profile }));
  const df = new dataflow.DataFlowClient({ authenticationDetailsProvider: provider });
  const os = new objectstorage.ObjectStorageClient({ authenticationDetailsProvider: provider });
  return {
    putObject: (r) => os.putObject(r),
    createApplication: async (r) => {
      // The SDK's enum value for the language; every other field is already of the SDK's types.
      const request: dataflowRequests.CreateApplicationRequest = {
        createApplicationDetails: {
          ...r.createApplicationDetails,
          language: dataflow.models.ApplicationLanguage.Sql,
        },
      };
      const response = await df.createApplication(request);
      return { application: { id: response.application.id } };
    },
    createRun: async (r) => {
      const response = await df.createRun(r);
      return { run: { id: response.run.id, lifecycleState: String(response.run.lifecycleState) } };
    },
    getRun: async (r) => {
      const { run } = await df.getRun(r);
      return {
        run: {
          id: run.id,
          lifecycleState: String(run.lifecycleState),
          ...(run.lifecycleDetails === undefined ? {} : { lifecycleDetails: run.lifecycleDetails }),
          ...(run.logsBucketUri === undefined ? {} : { logsBucketUri: run.logsBucketUri }),
        },
      };
    },
  };
}
