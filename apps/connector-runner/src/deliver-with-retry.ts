import { AppError, backoffDelayMs, type Logger } from '@lakehouse/runtime';
import type { InvokeResult } from './function-instances.js';

/** How a delivery is retried before its records are dead-lettered. */
export interface RetrySettings {
  /** Invocations before the batch counts as poison (when the database is reachable). */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** What became of a delivery. */
export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly result: InvokeResult; readonly attempts: number }
  | { readonly kind: 'poison'; readonly error: unknown; readonly attempts: number }
  | { readonly kind: 'stopped' };

/** Collaborators of {@link deliverWithRetry}, injected so the policy is tested without processes. */
export interface DeliveryPorts {
  readonly invoke: () => Promise<InvokeResult>;
  /** True when the database answers: failures then come from the batch, not from an outage. */
  readonly databaseReachable: () => Promise<boolean>;
  readonly sleep: (ms: number) => Promise<void>;
  readonly isRunning: () => boolean;
  readonly logger: Logger;
  readonly random?: () => number;
}

/**
 * Invokes the function until it succeeds, backing off exponentially with jitter. After `maxAttempts` failures the
 * batch is poison only if the database is reachable AND one more invocation fails after that check; while the
 * database is down, failures say nothing about the batch, so it keeps being retried at the longest delay and is
 * never dead-lettered for an outage.
 */
export async function deliverWithRetry(
  settings: RetrySettings,
  ports: DeliveryPorts,
): Promise<DeliveryOutcome> {
  const random = ports.random ?? Math.random;
  let failures = 0;
  for (let attempt = 1; ; attempt += 1) {
    if (!ports.isRunning()) return { kind: 'stopped' };
    try {
      return { kind: 'delivered', result: await ports.invoke(), attempts: attempt };
    } catch (error) {
      failures += 1;
      const message = error instanceof Error ? error.message : String(error);
      if (failures > settings.maxAttempts) return { kind: 'poison', error, attempts: attempt };
      if (failures === settings.maxAttempts) {
        if (await ports.databaseReachable()) {
          ports.logger.warn(
            { attempt, err: message },
            'delivery failed repeatedly with the database up: one last attempt',
          );
          continue;
        }
        ports.logger.warn(
          { attempt, err: message },
          'database unreachable: retrying the delivery until it is back',
        );
        failures -= 1;
      }
      const delayMs = backoffDelayMs(failures, settings, random);
      ports.logger.debug({ attempt, delayMs, err: message }, 'delivery failed; retrying');
      await ports.sleep(delayMs);
    }
  }
}

/** Text of a delivery failure for the dead-letter record. */
export function failureText(error: unknown): string {
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
