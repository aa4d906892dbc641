import { createLogger } from '@lakehouse/runtime';
import { describe, expect, it } from 'vitest';
import { createActiveModelCache } from './active-model-cache.js';
import type { ActiveModel } from './ingest-delivery.js';

const logger = createLogger({ name: 'test', level: 'silent' });
const model = (modelId: number): ActiveModel => ({ modelId, probability: () => modelId / 100 });

function setup(ids: (number | null | Error)[]) {
  let clock = 0;
  let asked = 0;
  let loads = 0;
  const cache = createActiveModelCache({
    activeModelId: async () => {
      const id = ids[Math.min(asked++, ids.length - 1)];
      if (id instanceof Error) throw id;
      return id ?? null;
    },
    loadActiveModel: async () => {
      loads += 1;
      const id = ids[Math.min(asked - 1, ids.length - 1)];
      return typeof id === 'number' ? model(id) : null;
    },
    refreshMs: 1_000,
    now: () => clock,
    logger,
  });
  return { cache, tick: (ms: number) => (clock += ms), asked: () => asked, loads: () => loads };
}

describe('createActiveModelCache', () => {
  it('is null until a model is active, then loads it once', async () => {
    const s = setup([null, 3, 3]);
    expect(await s.cache()).toBeNull();
    s.tick(1_000);
    expect((await s.cache())?.modelId).toBe(3);
    s.tick(1_000);
    expect((await s.cache())?.modelId).toBe(3);
    expect(s.loads()).toBe(1);
  });

  it('asks the registry at most once per refresh interval', async () => {
    const s = setup([5]);
    await s.cache();
    await s.cache();
    s.tick(999);
    await s.cache();
    expect(s.asked()).toBe(1);
  });

  it('switches to a newly activated model and back to none', async () => {
    const s = setup([5, 6, null]);
    expect((await s.cache())?.modelId).toBe(5);
    s.tick(1_000);
    expect((await s.cache())?.modelId).toBe(6);
    s.tick(1_000);
    expect(await s.cache()).toBeNull();
  });

  it('keeps the model in use when the registry cannot be read', async () => {
    const s = setup([5, new Error('connection lost')]);
    expect((await s.cache())?.modelId).toBe(5);
    s.tick(1_000);
    expect((await s.cache())?.modelId).toBe(5);
  });
});
