import { FAILURE_MODES } from '@lakehouse/domain';
import { FEATURE_NAMES } from '@lakehouse/scoring';
import { describe, expect, it } from 'vitest';
import { failureModeLabel, featureLabel } from './labels.js';

describe('labels', () => {
  // The explanation panel shows the active model's features: every one of them needs a label of libs/domain.
  it('names every feature of the model', () => {
    for (const feature of FEATURE_NAMES) expect(featureLabel(feature), feature).not.toBe(feature);
    expect(featureLabel('torqueNm')).toBe('Torque (Nm)');
  });

  it('names every failure mode, in either case', () => {
    for (const mode of FAILURE_MODES) expect(failureModeLabel(mode), mode).not.toBe(mode);
    expect(failureModeLabel('twf')).toBe('Tool wear failure');
  });

  it('shows a name it does not know as sent', () => {
    expect(featureLabel('spindleVibration')).toBe('spindleVibration');
    expect(featureLabel('constructor')).toBe('constructor');
    expect(failureModeLabel('XYZ')).toBe('XYZ');
  });
});
