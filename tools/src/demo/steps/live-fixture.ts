import type { LiveState } from '../demo-context.js';

/** An empty live state for tests of the steps. */
export function live(): LiveState {
  return {
    services: [],
    producerStatus: '/s/status/producer.json',
    runnerState: '/s/runner',
    runnerStatus: '/s/runner/status.json',
  };
}
