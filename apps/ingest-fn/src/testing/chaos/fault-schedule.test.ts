import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, parseFaultKinds, planFaults } from './fault-schedule.js';

describe('planFaults', () => {
  const options = { seed: 7, kinds: FAULT_KINDS, functionTimeoutMs: 5_000 };

  it('gives the same schedule for the same seed and another for another seed', () => {
    expect(planFaults(options)).toEqual(planFaults(options));
    expect(planFaults({ ...options, seed: 8 })).not.toEqual(planFaults(options));
  });

  it('injects every kind once per round, each in a phase of its own, in a seeded order', () => {
    const schedule = planFaults({ ...options, rounds: 3 });
    expect(schedule.map((f) => f.phase)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    for (const kind of FAULT_KINDS) expect(schedule.filter((f) => f.kind === kind)).toHaveLength(3);
    const orders = new Set(
      [1, 2, 3, 4, 5].map((seed) =>
        planFaults({ ...options, seed })
          .map((f) => f.kind)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('injects between 20 % and 60 % into the phase and picks an instance in [0, 1)', () => {
    for (let seed = 0; seed < 50; seed += 1) {
      for (const fault of planFaults({ ...options, seed })) {
        expect(fault.atFraction).toBeGreaterThanOrEqual(0.2);
        expect(fault.atFraction).toBeLessThan(0.6);
        expect(fault.pick).toBeGreaterThanOrEqual(0);
        expect(fault.pick).toBeLessThan(1);
      }
    }
  });

  it('holds pauses and locks longer than the function timeout, kills for 0.5 to 3 s', () => {
    for (let seed = 0; seed < 50; seed += 1) {
      for (const fault of planFaults({ ...options, seed })) {
        if (fault.kind === 'function-pause' || fault.kind === 'database-lock') {
          expect(fault.holdMs).toBeGreaterThan(5_000);
          expect(fault.holdMs).toBeLessThanOrEqual(10_000);
        } else if (fault.kind === 'function-kill') {
          expect(fault.holdMs).toBe(0);
        } else {
          expect(fault.holdMs).toBeGreaterThanOrEqual(500);
          expect(fault.holdMs).toBeLessThanOrEqual(3_000);
        }
      }
    }
  });

  it('rejects an empty kind list, zero rounds and a bad timeout', () => {
    expect(() => planFaults({ ...options, kinds: [] })).toThrow(/at least one fault kind/);
    expect(() => planFaults({ ...options, rounds: 0 })).toThrow(/rounds must be >= 1/);
    expect(() => planFaults({ ...options, functionTimeoutMs: 0 })).toThrow(/functionTimeoutMs/);
  });
});

describe('parseFaultKinds', () => {
  it('reads "all", a list (deduplicated) and names every unknown kind', () => {
    expect(parseFaultKinds('all')).toEqual([...FAULT_KINDS]);
    expect(parseFaultKinds(' broker-kill, database-lock,broker-kill ')).toEqual([
      'broker-kill',
      'database-lock',
    ]);
    expect(() => parseFaultKinds('broker-kill,disk-full,cpu-hog')).toThrow(
      /unknown fault kinds: disk-full, cpu-hog/,
    );
    expect(() => parseFaultKinds(' , ')).toThrow(/\(none given\)/);
  });
});
