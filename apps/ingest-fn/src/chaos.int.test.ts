// Short form of the chaos run (`npx nx run ingest-fn:chaos` is the long one): every fault kind once while 20,000
// readings flow, on a private stack the harness starts (killing the shared broker or database would break every
// other test). The harness's timing is reported, never asserted: a busy 2-core machine only makes it slower.
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS } from './testing/chaos/fault-schedule.js';
import { runChaos } from './testing/chaos/run-chaos.js';

describe('chaos run (short form)', () => {
  it('loses nothing, duplicates nothing and recovers from every fault kind', async () => {
    const lines: string[] = [];
    const result = await runChaos(
      {
        readings: 20_000,
        seed: 20,
        kinds: FAULT_KINDS,
        // Phases of about 4 s each: long enough that the producer is still publishing when it is killed.
        readingsPerSec: 700,
        perMessage: 10,
        partitions: 3,
        phaseTimeoutMs: 150_000,
      },
      (line) => lines.push(line),
    );
    const context = `${lines.join('\n')}\n${JSON.stringify(result)}`;
    expect(result.totals.sent, context).toBe(20_000);
    expect(result.totals.lost, context).toBe(0);
    expect(result.totals.duplicated, context).toBe(0);
    expect(result.totals.wronglyDeadLettered, context).toBe(0);
    for (const kind of FAULT_KINDS) {
      expect(result.perKind[kind]?.injected, `${kind}\n${context}`).toBe(1);
      expect(result.perKind[kind]?.recoverySeconds, `${kind}\n${context}`).not.toBeNull();
      expect(result.perKind[kind]?.lagReturnedToZero, `${kind}\n${context}`).toBe(true);
    }
    expect(result.ok, context).toBe(true);
  }, 600_000);
});
