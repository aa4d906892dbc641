import { describe, expect, it } from 'vitest';
import { featureVector } from './feature-vector.js';
import { compileArtifact, parseArtifact, serializeArtifact } from './model-artifact.js';
import { stumpArtifact } from './testing/stump-artifact.js';

describe('model artifact', () => {
  it('round-trips through bytes with bit-identical predictions', () => {
    const artifact = stumpArtifact();
    const restored = parseArtifact(serializeArtifact(artifact));
    expect(restored).toEqual(artifact);
    const x = featureVector({
      assetType: 'L',
      airTemperatureK: 300.1,
      processTemperatureK: 309.3,
      rotationalSpeedRpm: 1400,
      torqueNm: 22.1,
      toolWearMin: 13,
    });
    expect(compileArtifact(restored).failure.logOdds(x)).toBe(compileArtifact(artifact).failure.logOdds(x));
  });

  it('keeps doubles exactly, including thresholds that have no short decimal form', () => {
    const artifact = stumpArtifact({ powerThresholdW: 3500.000000000001 + 1 / 3 });
    const restored = parseArtifact(serializeArtifact(artifact).toString('utf8'));
    expect(restored.failure.trees[0]!.threshold[0]).toBe(artifact.failure.trees[0]!.threshold[0]);
  });

  it('refuses bytes that are not JSON, another format, another feature list or a broken tree', () => {
    expect(() => parseArtifact('{oops')).toThrow(/MODEL|not JSON/);
    expect(() => parseArtifact(JSON.stringify({ ...stumpArtifact(), formatVersion: 2 }))).toThrow(/format/);
    expect(() => parseArtifact(JSON.stringify({ ...stumpArtifact(), features: ['torqueNm'] }))).toThrow(
      /feature list/,
    );
    const broken = stumpArtifact();
    const bad = {
      ...broken,
      failure: { ...broken.failure, trees: [{ ...broken.failure.trees[0]!, feature: [42, -1, -1] }] },
    };
    expect(() => parseArtifact(JSON.stringify(bad))).toThrow(/feature 42 out of range/);
    try {
      parseArtifact('null');
      expect.unreachable();
    } catch (err: unknown) {
      expect((err as { code?: string }).code).toBe('MODEL_ARTIFACT_INVALID');
    }
  });
});
