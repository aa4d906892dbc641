import { createLogger } from '@lakehouse/runtime';
import { describe, expect, it, vi } from 'vitest';
import { ActiveModelCache } from './active-model-cache.js';

interface ActiveModel {
  readonly modelId: number;
  probability(): number;
}

const logger = createLogger({ name: 'test', level: 'silent' });
const model = (modelId: number): ActiveModel => ({ modelId, probability: () => modelId / 100 });

function setup(ids: (number | null | Error)[]) {
  let clock = 0;
  let asked = 0;
  let loads = 0;
  const models = new ActiveModelCache<ActiveModel>({
    activeModelId: async () => {
      const id = ids[Math.min(asked++, ids.length - 1)];
      if (id instanceof Error) throw id;
      return id ?? null;
    },
    load: async () => {
      loads += 1;
      const id = ids[Math.min(asked - 1, ids.length - 1)];
      return typeof id === 'number' ? model(id) : null;
    },
    refreshMs: 1_000,
    now: () => clock,
    logger,
  });
  const cache = () => models.get();
  return { models, cache, tick: (ms: number) => (clock += ms), asked: () => asked, loads: () => loads };
}

describe('ActiveModelCache, pulled (the ingest function)', () => {
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

describe('ActiveModelCache, pushed (the API)', () => {
  it('serves the model loaded by refresh synchronously and follows an activation', async () => {
    const s = setup([4, 4, 7]);
    expect(s.models.current).toBeNull();
    await s.models.refresh();
    expect(s.models.current?.modelId).toBe(4);
    await s.models.refresh();
    expect(s.loads()).toBe(1);
    await s.models.refresh();
    expect(s.models.current?.modelId).toBe(7);
  });

  it('rejects when the registry cannot be read, so a start without a database fails', async () => {
    const s = setup([new Error('connection refused')]);
    await expect(s.models.refresh()).rejects.toThrow(/connection refused/);
  });

  it('serves no model when the active one cannot be loaded', async () => {
    const models = new ActiveModelCache<ActiveModel>({
      activeModelId: async () => 9,
      load: async () => {
        throw new Error('artifact is corrupt');
      },
      refreshMs: 1_000,
      logger,
    });
    expect(await models.refresh()).toBeNull();
    expect(models.current).toBeNull();
  });

  it('refreshes in the background every refreshMs until stopped', async () => {
    vi.useFakeTimers();
    try {
      const s = setup([1, 2]);
      s.models.start();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(s.models.current?.modelId).toBe(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(s.models.current?.modelId).toBe(2);
      s.models.stop();
      await vi.advanceTimersByTimeAsync(5_000);
      expect(s.asked()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
