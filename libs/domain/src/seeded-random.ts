/**
 * A deterministic source of random numbers. Same seed, same sequence, on every platform: the generator uses only
 * 32-bit integer arithmetic, and V8 implements `Math.log`/`Math.cos`/`Math.sin` with a port of fdlibm, so the
 * normal deviates do not depend on the C library of the machine.
 */
export interface SeededRandom {
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Standard normal deviate (mean 0, sd 1), Box–Muller. */
  nextNormal(): number;
  /** Uniform integer in [0, maxExclusive). */
  nextInt(maxExclusive: number): number;
}

const TWO_POW_32 = 4_294_967_296;

/** splitmix32-style finaliser: spreads every input bit over the 32-bit output. */
function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85eb_ca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2_ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function assertSeed(seed: number, name: string): void {
  if (!Number.isSafeInteger(seed))
    throw new RangeError(`${name} must be a safe integer, got ${String(seed)}`);
}

/**
 * Derives an independent 32-bit seed for a sub-stream (one per asset, one for the fleet layout, ...), so that
 * adding a consumer of randomness in one place does not shift the numbers every other place sees.
 */
export function deriveSeed(seed: number, stream: number): number {
  assertSeed(seed, 'seed');
  assertSeed(stream, 'stream');
  // Safe integers have up to 53 bits: fold the high part in instead of silently truncating it.
  const high = Math.floor(seed / TWO_POW_32);
  return mix32(
    mix32(seed >>> 0) ^ mix32(high + 0x9e37_79b9) ^ mix32(Math.imul(stream | 0, 0x27d4_eb2f) + 0x1656_67b1),
  );
}

/**
 * xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/) seeded through splitmix32, with Box–Muller normals.
 * Never use `Math.random` in the domain: every caller passes a seed.
 */
export function createSeededRandom(seed: number): SeededRandom {
  assertSeed(seed, 'seed');
  let state = deriveSeed(seed, 0);
  const seedWord = (): number => {
    state = (state + 0x9e37_79b9) | 0;
    return mix32(state);
  };
  let s0 = seedWord();
  let s1 = seedWord();
  let s2 = seedWord();
  let s3 = seedWord();
  // The all-zero state is the one fixed point of xoshiro; mix32 of four distinct inputs cannot produce it, but be safe.
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const nextUint32 = (): number => {
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  };

  let spareNormal: number | undefined;
  const next = (): number => nextUint32() / TWO_POW_32;

  return {
    next,
    nextNormal(): number {
      if (spareNormal !== undefined) {
        const value = spareNormal;
        spareNormal = undefined;
        return value;
      }
      // 1 - u is in (0, 1], so the logarithm is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spareNormal = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
    nextInt(maxExclusive: number): number {
      if (!Number.isSafeInteger(maxExclusive) || maxExclusive <= 0 || maxExclusive > TWO_POW_32) {
        throw new RangeError(`maxExclusive must be an integer in 1..2^32, got ${String(maxExclusive)}`);
      }
      return Math.floor(next() * maxExclusive);
    },
  };
}
