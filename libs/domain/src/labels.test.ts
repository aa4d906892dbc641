import { describe, expect, it } from 'vitest';
import { FAILURE_MODE_LABELS, FEATURE_LABELS } from './labels.js';
import { FailureLabelsSchema, FAILURE_MODES, MEASURES } from './reading.js';

describe('labels', () => {
  it('names every failure mode as the labels schema describes it', () => {
    expect(Object.keys(FAILURE_MODE_LABELS)).toEqual([...FAILURE_MODES]);
    for (const mode of FAILURE_MODES) {
      expect(FAILURE_MODE_LABELS[mode]).toBe(FailureLabelsSchema.properties[mode].description);
    }
  });

  it('names every measure with its unit', () => {
    for (const measure of MEASURES) expect(FEATURE_LABELS[measure]).toMatch(/\((K|rpm|Nm|min)\)$/);
  });
});
