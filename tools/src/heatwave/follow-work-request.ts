import { UpstreamError } from '@lakehouse/runtime';
import type { WorkRequestsClient } from 'oci-mysql';
import type { FollowOptions } from './parse-heatwave-args.js';
import { getWorkRequestRequest, listWorkRequestErrorsRequest } from './heatwave-requests.js';

/** The two work-request calls the CLI makes. */
export type WorkRequestApi = Pick<WorkRequestsClient, 'getWorkRequest' | 'listWorkRequestErrors'>;

/** Clock and sleep, injected so tests run without real time. */
export interface Timer {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

const DONE = new Set(['SUCCEEDED', 'FAILED', 'CANCELED']);

function elapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * Polls a work request until it ends, printing one progress line per poll. Returns on SUCCEEDED; throws
 * OCI_REQUEST_FAILED with the work request's own error messages on FAILED/CANCELED, or when the timeout passes.
 */
export async function followWorkRequest(
  api: WorkRequestApi,
  workRequestId: string,
  label: string,
  options: FollowOptions,
  out: (line: string) => void,
  timer: Timer,
): Promise<void> {
  const started = timer.now();
  for (;;) {
    const { workRequest } = await api.getWorkRequest(getWorkRequestRequest(workRequestId));
    const status = String(workRequest.status);
    out(
      `  ${label}: ${status} ${Math.round(workRequest.percentComplete)} % (${elapsed(timer.now() - started)})`,
    );
    if (status === 'SUCCEEDED') return;
    if (DONE.has(status)) {
      const { items } = await api.listWorkRequestErrors(listWorkRequestErrorsRequest(workRequestId));
      const reasons = items.map((e) => `${e.code}: ${e.message}`).join('; ') || 'no error details';
      throw new UpstreamError('OCI_REQUEST_FAILED', `${label} ${status}: ${reasons}`, {
        context: { workRequestId },
      });
    }
    if (timer.now() - started >= options.timeoutMs)
      throw new UpstreamError(
        'OCI_REQUEST_FAILED',
        `${label} still ${status} after ${elapsed(options.timeoutMs)}; it keeps running in OCI (work request ${workRequestId})`,
        { retryable: true, context: { workRequestId } },
      );
    await timer.sleep(options.pollMs);
  }
}
