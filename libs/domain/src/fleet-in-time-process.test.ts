import { describe, expect, it } from 'vitest';
import { createFleet } from './create-fleet.js';
import { createLiveStream } from './create-live-stream.js';
import { FLEET_IN_TIME, createFleetInTimeProcess } from './fleet-in-time-process.js';
import { generateHistory } from './generate-history.js';
import type { LabelledReading } from './reading.js';

const MINUTE = 60_000;
const START = Date.UTC(2024, 0, 1);

function fleetHistory(seed: number, assets: number, days: number): LabelledReading[] {
  return [
    ...generateHistory({
      seed,
      rows: Math.round(assets * days * 1_400),
      assets,
      startMs: START,
      intervalMs: MINUTE,
      mode: 'in-time',
    }),
  ];
}

const strip = ({ recordedAt: _, ...rest }: LabelledReading): Omit<LabelledReading, 'recordedAt'> => rest;

describe('the fleet in time', () => {
  const history = fleetHistory(3, 20, 12);
  const byAsset = new Map<string, LabelledReading[]>();
  for (const r of history) byAsset.set(r.assetId, [...(byAsset.get(r.assetId) ?? []), r]);

  it('is reproducible from its seed, and another seed is another fleet', () => {
    const again = fleetHistory(3, 20, 12);
    // One string compare: a deep equality of 300,000 objects takes longer than the generation.
    expect(JSON.stringify(again) === JSON.stringify(history)).toBe(true);
    const other = fleetHistory(4, 20, 12);
    expect(other.slice(0, 100)).not.toEqual(history.slice(0, 100));
  }, 60_000);

  it('fails rarely per machine (a mean time between failures of days) and by every AI4I mode', () => {
    const failures = history.filter((r) => r.labels.machineFailure);
    const machineDays = (20 * (history.at(-1)!.recordedAt - START)) / (1_440 * MINUTE);
    const mtbfDays = machineDays / failures.length;
    expect(mtbfDays).toBeGreaterThan(1.5);
    expect(mtbfDays).toBeLessThan(10);
    for (const mode of ['TWF', 'HDF', 'PWF', 'OSF'] as const) {
      expect(failures.some((r) => r.labels[mode])).toBe(true);
    }
  });

  it('stops a failed machine for its repair, then runs it with a new tool', () => {
    let checked = 0;
    for (const readings of byAsset.values()) {
      readings.forEach((r, i) => {
        const next = readings[i + 1];
        if (!r.labels.machineFailure || next === undefined) return;
        const modes = (['TWF', 'HDF', 'PWF', 'OSF', 'RNF'] as const).filter((m) => r.labels[m]);
        const repair = Math.max(...modes.map((m) => FLEET_IN_TIME.repairMinutes[m]));
        expect((next.recordedAt - r.recordedAt) / MINUTE).toBe(repair + 1);
        expect(next.toolWearMin).toBe(0);
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('reads one machine minute per reading while it runs: consecutive readings are a minute apart or a stop', () => {
    const gaps = new Map<number, number>();
    for (const readings of byAsset.values()) {
      for (let i = 1; i < readings.length; i += 1) {
        const minutes =
          ((readings[i] as LabelledReading).recordedAt - (readings[i - 1] as LabelledReading).recordedAt) /
          MINUTE;
        gaps.set(minutes, (gaps.get(minutes) ?? 0) + 1);
      }
    }
    const allowed = new Set([
      1,
      FLEET_IN_TIME.tool.plannedChangeStopMinutes + 1,
      ...Object.values(FLEET_IN_TIME.repairMinutes).map((m) => m + 1),
    ]);
    expect([...gaps.keys()].every((g) => allowed.has(g))).toBe(true);
    // Planned tool changes (a 3-minute stop) are frequent, far more than failures.
    expect(gaps.get(FLEET_IN_TIME.tool.plannedChangeStopMinutes + 1) ?? 0).toBeGreaterThan(
      history.filter((r) => r.labels.machineFailure).length,
    );
  });

  it('shows the degradation before tool and overstrain failures: torque and overstrain rise in the last half hour', () => {
    let compared = 0;
    let rising = 0;
    for (const readings of byAsset.values()) {
      readings.forEach((r, i) => {
        if (!(r.labels.TWF || r.labels.OSF) || i < 120) return;
        const window = (from: number, to: number): number => {
          const slice = readings.slice(i - from, i - to);
          return slice.reduce((s, x) => s + x.toolWearMin * x.torqueNm, 0) / slice.length;
        };
        compared += 1;
        if (window(30, 0) > window(120, 90)) rising += 1;
      });
    }
    expect(compared).toBeGreaterThan(5);
    expect(rising / compared).toBeGreaterThan(0.9);
  });

  it('keeps the AI4I failure rules: every labelled HDF, PWF and OSF reading breaks its rule', () => {
    for (const r of history.filter((x) => x.labels.HDF || x.labels.PWF || x.labels.OSF)) {
      const power = (r.torqueNm * r.rotationalSpeedRpm * 2 * Math.PI) / 60;
      if (r.labels.PWF) expect(power < 3_500 || power > 9_000).toBe(true);
      if (r.labels.HDF) {
        expect(r.processTemperatureK - r.airTemperatureK).toBeLessThan(8.6);
        expect(r.rotationalSpeedRpm).toBeLessThan(1_380);
      }
    }
  });

  it('a process has no reading while stopped and returns one per call otherwise', () => {
    const process = createFleetInTimeProcess({ assetId: 'A', assetType: 'H' }, 5);
    let nulls = 0;
    let readings = 0;
    for (let t = 0; t < 20_000; t += 1) {
      if (process.next(START + t * MINUTE) === null) nulls += 1;
      else readings += 1;
    }
    expect(readings).toBeGreaterThan(18_000);
    expect(nulls).toBeGreaterThan(0);
  });
});

describe('createLiveStream skipReadings', () => {
  it('continues a history: the readings after N skipped are the history readings N onwards, stamped from startMs', () => {
    const fleet = createFleet({ seed: 8, assets: 5 });
    const options = {
      seed: 8,
      fleet,
      startMs: START,
      intervalMs: MINUTE,
      mode: 'in-time' as const,
      includeLabels: true,
    };
    const full = createLiveStream(options);
    const whole = Array.from({ length: 3_000 }, () => full.next().value as LabelledReading);
    const continued = createLiveStream({ ...options, startMs: START + 86_400_000, skipReadings: 2_000 });
    const rest = Array.from({ length: 1_000 }, () => continued.next().value as LabelledReading);
    expect(rest.map(strip)).toEqual(whole.slice(2_000).map(strip));
    expect(rest[0]!.recordedAt).toBeGreaterThanOrEqual(START + 86_400_000);
    expect(rest[0]!.recordedAt).toBeLessThan(START + 86_400_000 + MINUTE);
    // Each asset's timestamps still increase.
    const last = new Map<string, number>();
    for (const r of rest) {
      expect(r.recordedAt).toBeGreaterThan(last.get(r.assetId) ?? -1);
      last.set(r.assetId, r.recordedAt);
    }
  });

  it('refuses a negative or fractional skip', () => {
    const fleet = createFleet({ seed: 8, assets: 2 });
    expect(() => createLiveStream({ seed: 1, fleet, startMs: 0, intervalMs: 1, skipReadings: -1 })).toThrow(
      /skipReadings must be a non-negative integer/,
    );
  });
});
