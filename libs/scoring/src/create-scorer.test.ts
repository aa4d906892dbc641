import type { Reading } from '@lakehouse/domain';
import { describe, expect, it } from 'vitest';
import { createScorer } from './create-scorer.js';
import { stumpArtifact } from './testing/stump-artifact.js';

const identity = { modelId: 7, name: 'test', version: 3, threshold: 0.5 };
const healthy: Reading = {
  recordedAt: Date.UTC(2024, 0, 1),
  assetId: 'M1',
  assetType: 'L',
  airTemperatureK: 300,
  processTemperatureK: 310,
  rotationalSpeedRpm: 1500,
  torqueNm: 40,
  toolWearMin: 50,
};
// 1500 rpm × 20 Nm = 3142 W: below the 3500 W power limit.
const lowPower: Reading = { ...healthy, torqueNm: 20 };
// ΔT 8 K at 1300 rpm and 40 Nm (5445 W): heat dissipation, not power.
const hot: Reading = { ...healthy, processTemperatureK: 308, rotationalSpeedRpm: 1300 };

describe('createScorer', () => {
  const scorer = createScorer(identity, stumpArtifact());

  it('carries the registry identity and threshold', () => {
    expect(scorer).toMatchObject(identity);
  });

  it('scores the known log-odds of the hand-built model', () => {
    expect(scorer.probability(healthy)).toBeCloseTo(1 / (1 + Math.exp(12)), 12);
    expect(scorer.probability(lowPower)).toBeCloseTo(1 / (1 + Math.exp(-4)), 12);
    expect(scorer.probability(hot)).toBeCloseTo(1 / (1 + Math.exp(8)), 12);
  });

  it('explains a power failure: PWF, driven by power', () => {
    const e = scorer.explain(lowPower);
    expect(e.probability).toBe(scorer.probability(lowPower));
    expect(e.predictedFailure).toBe(true);
    expect(e.modes).toEqual(['PWF']);
    expect(e.modeProbabilities.PWF).toBeCloseTo(1 / (1 + Math.exp(-6)), 12);
    expect(e.drivers[0]).toEqual({
      feature: 'powerW',
      value: expect.closeTo(3141.59, 1) as number,
      contribution: 8,
    });
    expect(e.baseLogOdds + e.drivers.reduce((s, d) => s + d.contribution, 0)).toBeCloseTo(4, 12);
  });

  it('names a mode whose own model fires even when the failure model stays below the threshold', () => {
    const e = scorer.explain(hot);
    expect(e.predictedFailure).toBe(false);
    expect(e.modes).toEqual(['HDF']);
    expect(e.drivers.map((d) => d.feature)).toEqual(['powerW', 'temperatureDifferenceK']);
  });

  it('points a healthy reading to no mode', () => {
    const e = scorer.explain(healthy);
    expect(e.predictedFailure).toBe(false);
    expect(e.modes).toEqual([]);
  });

  it('names the most likely mode when a failure is predicted but no mode model is sure', () => {
    const lenient = createScorer({ ...identity, threshold: 1e-6 }, stumpArtifact());
    const e = lenient.explain(healthy);
    expect(e.predictedFailure).toBe(true);
    expect(e.modes).toHaveLength(1);
  });

  it('refuses a threshold outside (0, 1)', () => {
    expect(() => createScorer({ ...identity, threshold: 1 }, stumpArtifact())).toThrow(/threshold/);
  });
});
