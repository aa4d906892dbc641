import { describe, expect, it } from 'vitest';
import { AI4I_PROCESS } from './ai4i-process.js';
import {
  DEFAULT_TOOL_REPLACEMENT_WEAR_MIN,
  remainingToolLife,
  toolWearRatePerOperatingMin,
} from './remaining-tool-life.js';

const AT = Date.UTC(2026, 0, 1, 8);

describe('remainingToolLife', () => {
  it('takes the wear rate of each type from the AI4I process (L 2, M 3, H 5 min per operating minute)', () => {
    expect(['L', 'M', 'H'].map((t) => toolWearRatePerOperatingMin(t as 'L'))).toEqual([2, 3, 5]);
    expect(toolWearRatePerOperatingMin('H')).toBe(AI4I_PROCESS.toolWearIncrementMin.H);
  });

  it('replaces at the start of the AI4I tool wear failure window by default', () => {
    expect(DEFAULT_TOOL_REPLACEMENT_WEAR_MIN).toBe(200);
  });

  it('divides the wear left by the rate and counts the due time from the reading', () => {
    expect(remainingToolLife({ assetType: 'M', toolWearMin: 140, recordedAt: AT })).toEqual({
      wearRateMinPerOperatingMin: 3,
      replacementWearMin: 200,
      remainingWearMin: 60,
      remainingOperatingMin: 20,
      dueAt: AT + 20 * 60_000,
      isDue: false,
    });
    const h = remainingToolLife(
      { assetType: 'H', toolWearMin: 0, recordedAt: AT },
      { replacementWearMin: 230 },
    );
    expect([h.remainingOperatingMin, h.dueAt]).toEqual([46, AT + 46 * 60_000]);
  });

  it('says a tool at or past the replacement wear is due now', () => {
    const due = remainingToolLife({ assetType: 'L', toolWearMin: 215, recordedAt: AT });
    expect(due).toMatchObject({ remainingWearMin: 0, remainingOperatingMin: 0, dueAt: AT, isDue: true });
  });

  it('rejects a negative wear, a non-positive threshold and a fractional instant', () => {
    expect(() => remainingToolLife({ assetType: 'L', toolWearMin: -1, recordedAt: AT })).toThrow(RangeError);
    expect(() =>
      remainingToolLife({ assetType: 'L', toolWearMin: 1, recordedAt: AT }, { replacementWearMin: 0 }),
    ).toThrow(RangeError);
    expect(() => remainingToolLife({ assetType: 'L', toolWearMin: 1, recordedAt: 1.5 })).toThrow(RangeError);
  });
});
