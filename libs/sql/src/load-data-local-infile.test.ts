import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toInfilePackets } from './load-data-local-infile.js';

async function collect(stream: Readable): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of stream) out.push(chunk as Buffer);
  return out;
}

describe('toInfilePackets', () => {
  it('turns strings into Buffers and coalesces small chunks', async () => {
    const packets = await collect(toInfilePackets(Readable.from(['a\t1\n', '', 'b\t2\n'])));
    expect(packets).toHaveLength(1);
    expect(Buffer.isBuffer(packets[0])).toBe(true);
    expect(packets[0]?.toString()).toBe('a\t1\nb\t2\n');
  });

  it('splits big chunks and never yields an empty packet, which would end the file early', async () => {
    const big = Buffer.alloc(200 * 1024, 'x');
    const packets = await collect(
      toInfilePackets(Readable.from([big, Buffer.alloc(0), Buffer.from('tail')])),
    );
    expect(packets.every((p) => p.length > 0 && p.length <= 64 * 1024)).toBe(true);
    expect(Buffer.concat(packets).length).toBe(big.length + 4);
  });

  it('yields nothing for an empty source', async () => {
    expect(await collect(toInfilePackets(Readable.from([])))).toEqual([]);
  });
});
