import {
  HEATWAVE_FEATURES,
  LAKEHOUSE_FILE_FORM_FEATURES,
  missingFeatures,
  supports,
} from '@lakehouse/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EnvironmentConfig } from './environment-config.js';
import {
  environmentLakehouseFileForm,
  heatWaveFeaturesNeeded,
  heatWaveVersionProblems,
} from './heatwave-requirements.js';
import { ENVIRONMENTS } from './index.js';
import { POC } from './poc.js';
import { PROD } from './prod.js';
import { validateEnvironment } from './validate-environment.js';

const pinnedAt = (env: EnvironmentConfig, mysqlVersion: string): EnvironmentConfig => ({
  ...env,
  database: { ...env.database, mysqlVersion },
});

describe('HeatWave version gates of the committed environments', () => {
  for (const env of Object.values(ENVIRONMENTS)) {
    it(`${env.name}: the pinned MySQL ${env.database.mysqlVersion} has every HeatWave feature the code uses there`, () => {
      const needed = heatWaveFeaturesNeeded(env);
      expect(needed.length).toBeGreaterThan(0);
      expect(
        missingFeatures(needed, env.database.mysqlVersion).map(
          (f) => `${f} needs ${HEATWAVE_FEATURES[f].minVersion}`,
        ),
      ).toEqual([]);
      expect(heatWaveVersionProblems(env)).toEqual([]);
    });

    it(`${env.name}: the Lakehouse file entry form picked for MySQL ${env.database.mysqlVersion} is one it accepts`, () => {
      const form = environmentLakehouseFileForm(env);
      expect(supports(LAKEHOUSE_FILE_FORM_FEATURES[form], env.database.mysqlVersion)).toBe(true);
    });
  }

  it('gives both 8.4.4 environments the bucket/namespace/region/prefix file entries, not the uri form (9.3.1+)', () => {
    expect([POC, PROD].map((e) => [e.database.mysqlVersion, environmentLakehouseFileForm(e)])).toEqual([
      ['8.4.4', 'bucket'],
      ['8.4.4', 'bucket'],
    ]);
    expect(environmentLakehouseFileForm(pinnedAt(PROD, '9.3.1'))).toBe('uri');
  });

  it('needs what each environment relies on: Lakehouse on a 32 GB shape in poc, Lakehouse with HA in prod', () => {
    expect(heatWaveFeaturesNeeded(POC)).toContain('lakehouseOn32GbShape');
    expect(heatWaveFeaturesNeeded(POC)).not.toContain('lakehouseWithHighAvailability');
    expect(heatWaveFeaturesNeeded(PROD)).toContain('lakehouseWithHighAvailability');
    expect(heatWaveFeaturesNeeded(PROD)).not.toContain('lakehouseOn32GbShape');
    for (const env of [POC, PROD]) {
      expect(heatWaveFeaturesNeeded(env)).toEqual(
        expect.arrayContaining(['heatwaveLoadInputList', 'lakehouseTable', 'mlTrainExcludeColumnList']),
      );
    }
  });

  it('fails validation of an environment pinned below a feature the code needs there, naming it', () => {
    const old = validateEnvironment(pinnedAt(PROD, '8.0.36-u2-cloud'));
    const messages = old.filter((p) => p.path === 'database.mysqlVersion').map((p) => p.message);
    expect(messages.some((m) => m.includes('heatwaveLoadInputList') && m.includes('needs MySQL 8.4.0'))).toBe(
      true,
    );
    // 8.4.0 has the SQL, but not Lakehouse on poc's HeatWave.32GB cluster (8.4.0-u3 by the OCI page).
    expect(validateEnvironment(pinnedAt(POC, '8.4.0'))).toEqual([
      {
        path: 'database.mysqlVersion',
        message: expect.stringMatching(
          /^MySQL 8\.4\.0 is too old for what the code sends: lakehouseOn32GbShape /,
        ),
      },
    ]);
    expect(validateEnvironment(pinnedAt(PROD, '8.4.0'))).toEqual([]);
  });

  it('are documented in infra/README.md, one row per feature with its minimum and UNCONFIRMED mark', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    for (const [feature, fact] of Object.entries(HEATWAVE_FEATURES)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${feature}\` `));
      expect(row, feature).toBeDefined();
      const minimum = row!.split('|')[3]!.trim();
      expect(minimum, feature).toBe(`${fact.minVersion}${'unconfirmed' in fact ? ' ✱' : ''}`);
    }
  });
});
