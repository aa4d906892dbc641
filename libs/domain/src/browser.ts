/**
 * The part of the domain a browser bundle may import (`@lakehouse/domain/browser`): plain data and types, with no
 * TypeBox and nothing that runs in Node only. `browser.test.ts` keeps it that way. Everything here is also exported
 * from the package's main entry.
 */
export { RISK_BANDS } from './alert-episode-settings.js';
export { FAILURE_MODE_LABELS, FEATURE_LABELS, type LabelledFeature } from './labels.js';
export type { FailureMode, Measure } from './reading.js';
export {
  WORK_ORDER_ACTIONS,
  WORK_ORDER_STATES,
  type WorkOrderAction,
  type WorkOrderState,
} from './maintenance-vocabulary.js';
export { WORK_ORDER_ACTION_LABELS, WORK_ORDER_STATE_LABELS } from './work-order-labels.js';
