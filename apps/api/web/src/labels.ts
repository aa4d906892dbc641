import { FAILURE_MODE_LABELS, FEATURE_LABELS } from '@lakehouse/domain/browser';

// The labels are libs/domain's (the one definition); `@lakehouse/domain/browser` brings them without TypeBox.
// The API sends feature and mode names as plain strings, so a name the labels do not know is shown as sent.

/** How people read a model feature (`torqueNm` -> `Torque (Nm)`). */
export function featureLabel(feature: string): string {
  return Object.hasOwn(FEATURE_LABELS, feature)
    ? FEATURE_LABELS[feature as keyof typeof FEATURE_LABELS]
    : feature;
}

/** How people read a failure mode (`twf` or `TWF` -> `Tool wear failure`). */
export function failureModeLabel(mode: string): string {
  const key = mode.toUpperCase();
  return Object.hasOwn(FAILURE_MODE_LABELS, key)
    ? FAILURE_MODE_LABELS[key as keyof typeof FAILURE_MODE_LABELS]
    : mode;
}

export { FEATURE_LABELS };
