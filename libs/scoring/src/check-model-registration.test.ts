import { describe, expect, it } from 'vitest';
import { registrationProblems, type RegistrationFields } from './check-model-registration.js';
import { FEATURE_NAMES } from './feature-vector.js';

const ok: RegistrationFields = {
  name: 'ai4i-failure',
  algorithm: 'gbdt-logistic',
  features: [...FEATURE_NAMES],
  trainingFingerprint: 'a'.repeat(64),
  decisionThreshold: 0.5,
  heatwaveModelHandle: 'lakehouse.readings_admin_1700000000',
};

describe('registrationProblems', () => {
  it('accepts what ml-train registers, with or without a HeatWave handle', () => {
    expect(registrationProblems(ok)).toEqual([]);
    expect(registrationProblems({ ...ok, heatwaveModelHandle: null })).toEqual([]);
  });

  it('refuses oversized and control-character names, algorithms and handles without echoing them', () => {
    const problems = registrationProblems({
      ...ok,
      name: 'x'.repeat(5_000),
      algorithm: 'gbdt\u0000',
      heatwaveModelHandle: `h\u202e${'y'.repeat(10)}`,
    });
    expect(problems).toEqual([
      'name must be at most 128 characters (got 5000)',
      'algorithm must not contain U+0000 (a control or bidirectional-override character) at position 4',
      'heatwaveModelHandle must not contain U+202E (a control or bidirectional-override character) at position 1',
    ]);
    expect(registrationProblems({ ...ok, name: 'a b' })).toEqual(['name may hold only A-Z a-z 0-9 . _ -']);
    expect(registrationProblems({ ...ok, name: '' })).toEqual(['name must be at least 1 character']);
    expect(registrationProblems({ ...ok, heatwaveModelHandle: 'h'.repeat(256) })).toEqual([
      'heatwaveModelHandle must be at most 255 characters (got 256)',
    ]);
  });

  it('refuses bad feature lists, fingerprints and thresholds, all at once', () => {
    expect(
      registrationProblems({
        ...ok,
        features: ['torqueNm', 'x\ny'],
        trainingFingerprint: 'nope',
        decisionThreshold: Number.NaN,
      }),
    ).toEqual([
      'features/1 must be an identifier of at most 64 letters, digits and _',
      'trainingFingerprint must be a sha256 hex digest',
      'decisionThreshold must be a probability between 0 and 1',
    ]);
    expect(registrationProblems({ ...ok, features: [] })).toEqual(['features must list 1-256 names (got 0)']);
  });
});
