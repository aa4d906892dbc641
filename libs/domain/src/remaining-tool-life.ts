import { AI4I_PROCESS } from './ai4i-process.js';
import { AI4I_THRESHOLDS } from './derive-features.js';
import type { AssetType } from './reading.js';

const MINUTE_MS = 60_000;

/**
 * Default tool wear at which a tool is replaced: the lower end of AI4I's tool wear failure window (200 min of the
 * 200-240 min in which tools fail or are changed). Replacing there means a tool never enters the window in which it
 * may fail. Unit: min of tool wear.
 */
export const DEFAULT_TOOL_REPLACEMENT_WEAR_MIN = AI4I_THRESHOLDS.toolWearWindowMin.min;

/**
 * Tool wear (min) an asset type adds per operating minute. AI4I adds a fixed wear per process step by variant
 * (`AI4I_PROCESS.toolWearIncrementMin`: L 2, M 3, H 5 min), and this platform's history and live stream record one
 * process step per reading, one reading a minute per machine in the generated history; so one step is one operating
 * minute and the increment per step is the rate per operating minute.
 */
export function toolWearRatePerOperatingMin(assetType: AssetType): number {
  return AI4I_PROCESS.toolWearIncrementMin[assetType];
}

/** What {@link remainingToolLife} needs: the asset type and its latest reading's wear and instant. */
export interface ToolLifeInput {
  readonly assetType: AssetType;
  /** Current tool wear, min (the latest reading's `toolWearMin`). */
  readonly toolWearMin: number;
  /** Instant of that reading, epoch ms UTC: the clock the due time runs from. */
  readonly recordedAt: number;
}

/** Options of {@link remainingToolLife}. */
export interface ToolLifeOptions {
  /** Tool wear at which the tool is replaced, min. @default DEFAULT_TOOL_REPLACEMENT_WEAR_MIN (200) */
  readonly replacementWearMin?: number;
}

/** Remaining life of the tool in an asset. */
export interface RemainingToolLife {
  /** Wear added per operating minute for the asset's type, min/min. */
  readonly wearRateMinPerOperatingMin: number;
  /** Wear at which the tool is replaced, min. */
  readonly replacementWearMin: number;
  /** Wear left before the replacement, min (0 when due). */
  readonly remainingWearMin: number;
  /** Operating minutes left before the replacement (0 when due). */
  readonly remainingOperatingMin: number;
  /**
   * When the replacement is due, epoch ms UTC: the reading's instant plus the remaining operating minutes, i.e.
   * assuming the machine keeps running from its latest reading; the reading's instant itself when already due.
   */
  readonly dueAt: number;
  /** The tool has reached the replacement wear. */
  readonly isDue: boolean;
}

/**
 * Remaining tool life: `(replacementWearMin - toolWearMin) / rate(assetType)` operating minutes, at least 0, and the
 * instant that many minutes after the reading. Throws RangeError on a negative or non-finite wear or threshold.
 */
export function remainingToolLife(input: ToolLifeInput, options: ToolLifeOptions = {}): RemainingToolLife {
  const replacementWearMin = options.replacementWearMin ?? DEFAULT_TOOL_REPLACEMENT_WEAR_MIN;
  if (!Number.isFinite(replacementWearMin) || replacementWearMin <= 0)
    throw new RangeError(`replacementWearMin must be a positive number, got ${String(replacementWearMin)}`);
  if (!Number.isFinite(input.toolWearMin) || input.toolWearMin < 0)
    throw new RangeError(`toolWearMin must be a non-negative number, got ${String(input.toolWearMin)}`);
  if (!Number.isSafeInteger(input.recordedAt))
    throw new RangeError(`recordedAt must be epoch ms, got ${String(input.recordedAt)}`);
  const rate = toolWearRatePerOperatingMin(input.assetType);
  const remainingWearMin = Math.max(0, replacementWearMin - input.toolWearMin);
  const remainingOperatingMin = remainingWearMin / rate;
  return {
    wearRateMinPerOperatingMin: rate,
    replacementWearMin,
    remainingWearMin,
    remainingOperatingMin,
    dueAt: input.recordedAt + Math.round(remainingOperatingMin * MINUTE_MS),
    isDue: remainingWearMin === 0,
  };
}
