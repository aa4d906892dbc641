import { describe, expect, it } from 'vitest';
import { deadLetterKey, type DeadLetter } from './insert-dead-letters.js';

const letter: DeadLetter = {
  source: 'stream',
  rawPayload: Buffer.from('{"bad":true}'),
  reasons: [{ path: '/', reason: 'missing', message: 'm' }],
  streamName: 't',
  streamPartition: 0,
  streamOffset: 5,
};

describe('deadLetterKey', () => {
  it('is stable for a redelivered record', () => {
    expect(deadLetterKey(letter)).toBe(deadLetterKey({ ...letter, reasons: [] }));
    expect(deadLetterKey(letter)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs by position or bytes', () => {
    expect(deadLetterKey(letter)).not.toBe(deadLetterKey({ ...letter, streamOffset: 6 }));
    expect(deadLetterKey(letter)).not.toBe(
      deadLetterKey({ ...letter, rawPayload: Buffer.from('{"bad":false}') }),
    );
    expect(deadLetterKey(letter)).not.toBe(deadLetterKey({ ...letter, source: 'connector' }));
  });
});
