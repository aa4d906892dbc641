import { describe, expect, it } from 'vitest';
import {
  checkOutput,
  CreatedKeySchema,
  GeneratedHistorySchema,
  ifShaped,
  lastJsonLine,
  ListeningMessageSchema,
  ProducerStatusSchema,
} from './child-output.js';

describe("children's machine-readable output", () => {
  it('reads the JSON line a CLI prints last', () => {
    const out =
      'progress\n{"files":["/b/raw/a.csv"],"startAt":"2026-01-01T00:00:00Z","endAt":"2026-01-02T00:00:00Z","bytes":10}\n';
    expect(lastJsonLine(GeneratedHistorySchema, out, 'bulk-load generate').files).toEqual(['/b/raw/a.csv']);
  });

  it('names the child and the field when the output has another shape', () => {
    expect(() => lastJsonLine(CreatedKeySchema, '{"keyId":"k1"}', 'api create-key')).toThrow(
      /api create-key: unexpected output at \/key/,
    );
    expect(() => lastJsonLine(CreatedKeySchema, 'Error: no database', 'api create-key')).toThrow(
      /api create-key: expected a JSON line last, got "Error: no database"/,
    );
    expect(() => checkOutput(ListeningMessageSchema, { event: 'listening', port: null }, 'api IPC')).toThrow(
      /api IPC: unexpected output at \/port/,
    );
  });

  it('treats a status file of another shape as not there yet', () => {
    expect(ifShaped(ProducerStatusSchema, { readings: 5, done: true })).toEqual({ readings: 5, done: true });
    expect(ifShaped(ProducerStatusSchema, { readings: 'five' })).toBeNull();
    expect(ifShaped(ProducerStatusSchema, null)).toBeNull();
  });
});
