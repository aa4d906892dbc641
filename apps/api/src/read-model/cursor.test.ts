import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../http/api-problem.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursors', () => {
  it('round-trips keyset values', () => {
    expect(decodeCursor(encodeCursor([1_700_000_000_000, 'm-1']), ['number', 'string'] as const)).toEqual([
      1_700_000_000_000,
      'm-1',
    ]);
  });

  it('answers a forged or foreign cursor with a 400 naming the cursor', () => {
    const forged = [
      'not-base64-json',
      encodeCursor(['m-1']),
      Buffer.from('{"a":1}').toString('base64url'),
      encodeCursor([1.5, 'x']),
    ];
    for (const cursor of forged) {
      try {
        decodeCursor(cursor, ['number', 'string'] as const);
        expect.unreachable();
      } catch (err: unknown) {
        expect(err).toBeInstanceOf(ApiProblem);
        expect((err as ApiProblem).status).toBe(400);
        expect((err as ApiProblem).message).toMatch(/cursor/);
      }
    }
  });
});
