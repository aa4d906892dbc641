import { describe, expect, it } from 'vitest';
import { AI4I_PROCESS, createAi4iProcess } from './ai4i-process.js';
import type { AssetType, LabelledReading } from './reading.js';

const run = (assetType: AssetType, steps: number, seed = 1): LabelledReading[] => {
  const process = createAi4iProcess({ assetId: 'A1', assetType }, seed);
  return Array.from({ length: steps }, (_, i) => process.next(i));
};

describe('createAi4iProcess', () => {
  it('adds the variant wear per step and replaces the tool inside the replacement window', () => {
    for (const assetType of ['L', 'M', 'H'] as const) {
      const rows = run(assetType, 3_000);
      const { min, max } = AI4I_PROCESS.toolReplacementWindowMin;
      const increment = AI4I_PROCESS.toolWearIncrementMin[assetType];
      let replacements = 0;
      for (let i = 1; i < rows.length; i += 1) {
        const before = rows[i - 1]?.toolWearMin ?? Number.NaN;
        const after = rows[i]?.toolWearMin ?? Number.NaN;
        if (after === 0) {
          replacements += 1;
          // The step that replaced the tool had reached its threshold, which lies in the window.
          expect(before).toBeGreaterThanOrEqual(min);
          expect(before).toBeLessThan(max + increment);
        } else {
          expect(after - before).toBe(increment);
        }
      }
      expect(replacements).toBeGreaterThan(0);
    }
  });

  it('labels TWF only on the step at which the tool is replaced', () => {
    const rows = run('H', 20_000, 9);
    const twfSteps = rows.flatMap((r, i) => (r.labels.TWF ? [i] : []));
    expect(twfSteps.length).toBeGreaterThan(0);
    expect(twfSteps.every((i) => rows[i + 1] === undefined || rows[i + 1]?.toolWearMin === 0)).toBe(true);
  });

  it('quantises readings to AI4I resolution', () => {
    const isTenths = (value: number): boolean => Math.abs(value * 10 - Math.round(value * 10)) < 1e-6;
    for (const r of run('M', 2_000)) {
      expect(isTenths(r.airTemperatureK) && isTenths(r.processTemperatureK) && isTenths(r.torqueNm)).toBe(
        true,
      );
      expect(Number.isInteger(r.rotationalSpeedRpm) && Number.isInteger(r.toolWearMin)).toBe(true);
    }
  });

  it('carries the asset identity and only the optional ids it was given', () => {
    const [bare] = run('L', 1);
    expect(bare).not.toHaveProperty('siteId');
    const placed = createAi4iProcess(
      { assetId: 'A1', assetType: 'L', siteId: 'S01', lineId: 'S01-L01' },
      1,
    ).next(5);
    expect(placed).toMatchObject({
      recordedAt: 5,
      assetId: 'A1',
      assetType: 'L',
      siteId: 'S01',
      lineId: 'S01-L01',
    });
  });
});
