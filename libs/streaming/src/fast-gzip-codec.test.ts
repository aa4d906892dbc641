import kafkajs from 'kafkajs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useFastGzipCodec } from './fast-gzip-codec.js';

describe('useFastGzipCodec', () => {
  it('makes kafkajs write plain gzip at the fastest level, which any consumer can read', async () => {
    useFastGzipCodec();
    const { CompressionCodecs, CompressionTypes } = kafkajs;
    const codec = CompressionCodecs[CompressionTypes.GZIP]() as unknown as {
      compress(encoder: { buffer: Buffer }): Promise<Buffer>;
      decompress(buffer: Buffer): Promise<Buffer>;
    };
    const input = Buffer.from(
      JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ i, torqueNm: 40 + i / 10 }))),
    );
    const packed = await codec.compress({ buffer: input });
    // Gzip header byte 8 (XFL) is 4 when the fastest algorithm wrote the stream, 2 for the slowest.
    expect(packed[8]).toBe(4);
    expect(gunzipSync(packed).equals(input)).toBe(true);
    expect((await codec.decompress(packed)).equals(input)).toBe(true);
  });
});
