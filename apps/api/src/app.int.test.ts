import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './testing/start-test-api.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

function reading(assetId: string, recordedAt: number, overrides: Record<string, unknown> = {}) {
  return {
    recordedAt,
    assetId,
    assetType: 'M' as const,
    siteId: 'site-a',
    lineId: 'line-1',
    airTemperatureK: 300,
    processTemperatureK: 310,
    rotationalSpeedRpm: 1500,
    torqueNm: 40,
    toolWearMin: 100,
    ...overrides,
  };
}

describe('api over a real database', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ listen: false, now: () => NOW });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers health without a key and refuses /api/v1 without one', async () => {
    expect((await api.app.inject('/health')).statusCode).toBe(200);
    const res = await api.app.inject('/api/v1/assets');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 401, code: 'API_UNAUTHORIZED' });
  });

  it('scores readings with the active model', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v1/predict',
      headers: { 'x-api-key': api.readApiKey },
      payload: { readings: [reading('m-1', NOW, { rotationalSpeedRpm: 1200, torqueNm: 10 })] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().predictions[0].riskBand).toBe('high');
  });
});
