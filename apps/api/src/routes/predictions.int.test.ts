import { registerModel, serializeArtifact } from '@lakehouse/scoring';
import { stumpArtifact } from '@lakehouse/scoring/testing';
import { describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureReading } from '../testing/fleet-fixture.js';
import { useFleetApi } from '../testing/fleet-api.js';

// POST /predict with the active model, and the registry routes that change which model that is.
describe('prediction and model routes over a real database', () => {
  const fleet = useFleetApi();
  const { get, post } = fleet;

  describe('predict', () => {
    it('scores one or many readings with the active model and explains each', async () => {
      const res = await post(
        '/api/v1/predict',
        {
          readings: [
            fixtureReading('X-1', FIXTURE_NOW),
            fixtureReading('X-2', FIXTURE_NOW, { rotationalSpeedRpm: 1200, torqueNm: 10 }),
          ],
        },
        fleet.api.readApiKey,
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        modelId: fleet.api.modelId,
        modelName: 'stump-test',
        decisionThreshold: 0.5,
      });
      const [healthy, failing] = body.predictions;
      expect(healthy).toMatchObject({
        assetId: 'X-1',
        riskBand: 'normal',
        predictedFailure: false,
        modes: [],
      });
      expect(failing).toMatchObject({ assetId: 'X-2', riskBand: 'high', predictedFailure: true });
      expect(failing.modes).toContain('PWF');
      expect(failing.contributions[0]).toMatchObject({ feature: 'powerW', contribution: 8 });
    });

    it('names every broken rule of a reading, with its index', async () => {
      const res = await post('/api/v1/predict', {
        readings: [fixtureReading('X-1', FIXTURE_NOW), fixtureReading('X-2', FIXTURE_NOW, { torqueNm: 900 })],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        { path: '/body/readings/1/torqueNm', message: expect.stringMatching(/900/) },
      ]);
      const empty = await post('/api/v1/predict', { readings: [] });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors[0].path).toBe('/body/readings');
      const wrongType = await post('/api/v1/predict', {
        readings: [{ ...fixtureReading('X', FIXTURE_NOW), torqueNm: 'a' }],
      });
      expect(wrongType.json().errors[0].path).toBe('/body/readings/0/torqueNm');
    });
  });

  describe('models', () => {
    it('lists the registry and activates a model (admin only); predict follows the new model', async () => {
      const list = (await get('/api/v1/models')).json();
      expect(list).toMatchObject({
        activeModelId: fleet.api.modelId,
        items: [{ modelId: fleet.api.modelId, isActive: true }],
      });
      const { modelId: strict } = await registerModel(fleet.api.pool, {
        name: 'stump-test',
        algorithm: 'gbdt-logistic',
        parameters: {},
        features: stumpArtifact().features,
        trainingFingerprint: '1'.repeat(64),
        metrics: { auc: 0.95 },
        decisionThreshold: 0.5,
        artifact: serializeArtifact(stumpArtifact({ powerThresholdW: 7000 })),
      });
      const { modelId: heatwaveOnly } = await registerModel(fleet.api.pool, {
        name: 'automl',
        algorithm: 'heatwave-automl',
        parameters: {},
        // The registry wants the feature list of every model (#20); AutoML trains on the same columns.
        features: stumpArtifact().features,
        trainingFingerprint: '2'.repeat(64),
        metrics: {},
        decisionThreshold: 0.5,
        artifact: null,
      });
      expect((await post(`/api/v1/models/${strict}/activate`, {}, fleet.api.readApiKey)).statusCode).toBe(
        403,
      );
      expect((await post(`/api/v1/models/${heatwaveOnly}/activate`, {})).statusCode).toBe(409);
      expect((await post('/api/v1/models/999999/activate', {})).statusCode).toBe(404);
      const activated = await post(`/api/v1/models/${strict}/activate`, {});
      expect(activated.statusCode, activated.body).toBe(200);
      expect(activated.json()).toMatchObject({ modelId: strict, version: 2, isActive: true });
      const predicted = (
        await post('/api/v1/predict', { readings: [fixtureReading('X', FIXTURE_NOW)] })
      ).json();
      expect(predicted).toMatchObject({ modelId: strict, predictions: [{ riskBand: 'high' }] });
      expect((await post(`/api/v1/models/${fleet.api.modelId}/activate`, {})).statusCode).toBe(200);
    });
  });
});
