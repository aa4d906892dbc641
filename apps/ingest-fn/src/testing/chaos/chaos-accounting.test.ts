import { describe, expect, it } from 'vitest';
import { accountChaosRun, type PhaseOutcome } from './chaos-accounting.js';
import { expectedInstants, knownSetLayout, lineCount, type KnownSet } from './known-readings.js';

// 2 assets x 4 rounds, 2 readings per message: lines 0 (A r0-1), 1 (B r0-1), 2 (A r2-3), 3 (B r2-3).
const layout = knownSetLayout({ seed: 1, readings: 8, assets: 2, perMessage: 2 });
const known: KnownSet = { ...layout, assetIds: ['A', 'B'], lines: lineCount(layout), readings: 8 };
const A = expectedInstants(known, 0);
const B = expectedInstants(known, 1);

const phase = (
  kind: PhaseOutcome['kind'],
  fromLine: number,
  toLine: number,
  extra: Partial<PhaseOutcome> = {},
): PhaseOutcome => ({
  kind,
  fromLine,
  toLine,
  sentLines: toLine - fromLine,
  recoverySeconds: 1.5,
  catchUpSeconds: 2,
  lagReturnedToZero: true,
  ...extra,
});
const phases = [phase('broker-kill', 0, 2), phase('database-lock', 2, 4, { recoverySeconds: 4 })];

describe('accountChaosRun', () => {
  it('reports a clean run as ok, per kind and in total', () => {
    const report = accountChaosRun(known, phases, {
      instantsByAsset: new Map([
        ['A', [...A]],
        ['B', [...B]],
      ]),
      deadLetteredRecords: [],
    });
    expect(report.ok).toBe(true);
    expect(report.perKind['broker-kill']).toEqual({
      injected: 1,
      sent: 4,
      stored: 4,
      lost: 0,
      duplicated: 0,
      wronglyDeadLettered: 0,
      recoverySeconds: 1.5,
      catchUpSeconds: 2,
      lagReturnedToZero: true,
    });
    expect(report.totals).toMatchObject({ injected: 2, sent: 8, stored: 8, known: 8, recoverySeconds: 4 });
  });

  it('counts a missing reading as lost in the phase whose message carried it', () => {
    const report = accountChaosRun(known, phases, {
      instantsByAsset: new Map([
        ['A', [A[0] ?? 0, A[1] ?? 0, A[2] ?? 0]],
        ['B', [...B]],
      ]),
      deadLetteredRecords: [],
    });
    expect(report.ok).toBe(false);
    expect(report.perKind['database-lock']?.lost).toBe(1);
    expect(report.perKind['broker-kill']?.lost).toBe(0);
    expect(report.totals.lost).toBe(1);
  });

  it('counts dead letters of valid readings as wrong, and twice or beside a stored row as duplicated', () => {
    const report = accountChaosRun(known, phases, {
      instantsByAsset: new Map([
        ['A', A.slice(1)],
        ['B', [...B]],
      ]),
      deadLetteredRecords: [
        // A r0 not stored, dead-lettered twice (the same record at two offsets after a producer resend).
        { assetId: 'A', recordedAtMs: A[0] ?? 0 },
        { assetId: 'A', recordedAtMs: A[0] ?? 0 },
        // B r3 stored and dead-lettered.
        { assetId: 'B', recordedAtMs: B[3] ?? 0 },
        { assetId: 'X', recordedAtMs: 0 },
      ],
    });
    expect(report.perKind['broker-kill']).toMatchObject({ lost: 0, duplicated: 1, wronglyDeadLettered: 1 });
    expect(report.perKind['database-lock']).toMatchObject({ lost: 0, duplicated: 1, wronglyDeadLettered: 1 });
    expect(report.totals.unexpectedDeadLetters).toBe(1);
    expect(report.ok).toBe(false);
  });

  it('counts stored rows outside the set as duplicated in the totals', () => {
    const report = accountChaosRun(known, phases, {
      instantsByAsset: new Map([
        ['A', [...A, (A[3] ?? 0) + 1]],
        ['B', [...B]],
        ['WARM-UP', [1, 2]],
      ]),
      deadLetteredRecords: [],
    });
    expect(report.totals).toMatchObject({ unexpectedRows: 3, duplicated: 3, lost: 0 });
    expect(report.ok).toBe(false);
  });

  it('fails a run with an unrecovered fault or readings never sent, without calling them lost', () => {
    const unrecovered = accountChaosRun(
      known,
      [
        phases[0] as PhaseOutcome,
        phase('runner-kill', 2, 4, {
          recoverySeconds: null,
          catchUpSeconds: null,
          lagReturnedToZero: false,
          sentLines: 0,
        }),
      ],
      {
        instantsByAsset: new Map([
          ['A', A.slice(0, 2)],
          ['B', B.slice(0, 2)],
        ]),
        deadLetteredRecords: [],
      },
    );
    expect(unrecovered.perKind['runner-kill']).toMatchObject({
      sent: 0,
      lost: 0,
      recoverySeconds: null,
      lagReturnedToZero: false,
    });
    expect(unrecovered.totals).toMatchObject({
      sent: 4,
      recoverySeconds: null,
      catchUpSeconds: null,
      lagReturnedToZero: false,
    });
    expect(unrecovered.ok).toBe(false);
  });

  it('merges injections of one kind: the longest recovery, and lag 0 only if every one reached it', () => {
    const report = accountChaosRun(
      known,
      [
        phase('function-pause', 0, 1, { recoverySeconds: 3 }),
        phase('function-pause', 1, 4, { recoverySeconds: 9 }),
      ],
      {
        instantsByAsset: new Map([
          ['A', [...A]],
          ['B', [...B]],
        ]),
        deadLetteredRecords: [],
      },
    );
    expect(report.perKind['function-pause']).toMatchObject({ injected: 2, sent: 8, recoverySeconds: 9 });
  });

  it('rejects phases that leave lines uncovered', () => {
    expect(() =>
      accountChaosRun(known, [phase('broker-kill', 0, 3)], {
        instantsByAsset: new Map(),
        deadLetteredRecords: [],
      }),
    ).toThrow(/do not cover every line/);
  });
});
