import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, MlTrainEnvSchema } from './config.js';

const sqlEnv = { MYSQL_HOST: '127.0.0.1', MYSQL_USER: 'u', MYSQL_PASSWORD: 'p', MYSQL_DATABASE: 'lakehouse' };

describe('ml-train config', () => {
  it('applies the defaults', () => {
    expect(loadConfig(sqlEnv)).toMatchObject({
      logLevel: 'info',
      modelName: 'machine-failure',
      cvFolds: 3,
      activate: true,
      heatwaveAutoMl: true,
      sql: { host: '127.0.0.1', tlsMode: 'disabled' },
    });
  });

  it('names every bad key at once', () => {
    expect(() => loadConfig({ ...sqlEnv, ML_CV_FOLDS: '50', ML_MODEL_NAME: 'bad name' })).toThrow(
      /ML_CV_FOLDS.*ML_MODEL_NAME|ML_MODEL_NAME.*ML_CV_FOLDS/,
    );
  });

  it('documents every key of the schema in .env.example', () => {
    const example = readFileSync(join(import.meta.dirname, '..', '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    for (const key of [
      ...Object.keys(MlTrainEnvSchema.properties),
      'MYSQL_HOST',
      'MYSQL_USER',
      'MYSQL_PASSWORD',
      'MYSQL_DATABASE',
    ]) {
      expect(documented, key).toContain(key);
    }
  });
});
