import {
  HEATWAVE_FEATURE_SETS,
  LAKEHOUSE_FILE_FORM_FEATURES,
  describeFeature,
  lakehouseFileForm,
  missingFeatures,
  parseMysqlVersion,
  supports,
  type HeatWaveFeature,
  type LakehouseFileForm,
} from '@lakehouse/contracts';
import type { EnvironmentConfig } from './environment-config.js';

/**
 * The HeatWave features the code uses on an environment's DB system every time, whatever the data: the schema
 * and probe of libs/sql, bulk-load's `heatwave load` in its default mode (Auto Parallel Load) with the Lakehouse
 * tables when Lakehouse is on, ml-train's AutoML training and in-database scoring (on by default), and the platform
 * facts the environment's own settings rely on (Lakehouse on a 32 GB shape or on an HA DB system). The Lakehouse
 * file entry form is left out: the code picks it by version ({@link environmentLakehouseFileForm}).
 */
export function heatWaveFeaturesNeeded(env: EnvironmentConfig): HeatWaveFeature[] {
  const db = env.database;
  const features: HeatWaveFeature[] = [
    ...HEATWAVE_FEATURE_SETS.schemaAndProbe,
    ...HEATWAVE_FEATURE_SETS.heatwaveLoadStatus,
    ...HEATWAVE_FEATURE_SETS.autoParallelLoad,
    ...HEATWAVE_FEATURE_SETS.automlTraining,
    ...HEATWAVE_FEATURE_SETS.automlBatchScoring,
  ];
  if (db.heatWave.isLakehouseEnabled) {
    features.push(...HEATWAVE_FEATURE_SETS.lakehouseTables);
    if (db.heatWave.shapeName === 'HeatWave.32GB') features.push('lakehouseOn32GbShape');
    if (db.isHighlyAvailable) features.push('lakehouseWithHighAvailability');
  }
  return [...new Set(features)];
}

/** The Lakehouse file entry form bulk-load picks for the environment's pinned MySQL version (no override). */
export function environmentLakehouseFileForm(env: EnvironmentConfig): LakehouseFileForm {
  return lakehouseFileForm(env.database.mysqlVersion);
}

/**
 * Every way the pinned `database.mysqlVersion` falls short of what the code sends to that DB system: a feature
 * it lacks (with the version it needs and the page), or a Lakehouse file entry form the version does not accept.
 */
export function heatWaveVersionProblems(env: EnvironmentConfig): string[] {
  let version;
  try {
    version = parseMysqlVersion(env.database.mysqlVersion);
  } catch (err: unknown) {
    return [(err as Error).message];
  }
  const problems = missingFeatures(heatWaveFeaturesNeeded(env), version).map(
    (f) => `MySQL ${version.text} is too old for what the code sends: ${describeFeature(f)}`,
  );
  if (env.database.heatWave.isLakehouseEnabled) {
    const formFeature = LAKEHOUSE_FILE_FORM_FEATURES[environmentLakehouseFileForm(env)];
    if (!supports(formFeature, version)) {
      problems.push(
        `MySQL ${version.text} does not accept the Lakehouse file entry form picked for it: ${describeFeature(formFeature)}`,
      );
    }
  }
  return problems;
}
