import { hasErrorCode } from '@lakehouse/runtime';
import { describe, expect, it } from 'vitest';
import {
  HEATWAVE_FEATURES,
  HEATWAVE_FEATURE_SETS,
  assertHeatWaveFeatures,
  describeFeature,
  lakehouseFileForm,
  missingFeatures,
  supports,
  type HeatWaveFeature,
} from './heatwave-features.js';
import { compareMysqlVersions, parseMysqlVersion } from './mysql-version.js';

const v = parseMysqlVersion;

describe('MySQL HeatWave versions', () => {
  it('reads plain, cloud and update-numbered version strings', () => {
    expect(v('8.4.4')).toEqual({ major: 8, minor: 4, patch: 4, update: 0, text: '8.4.4' });
    expect(v('9.3.1-cloud')).toMatchObject({ major: 9, minor: 3, patch: 1, update: 0 });
    expect(v('8.0.36-u2-cloud')).toMatchObject({ major: 8, minor: 0, patch: 36, update: 2 });
    expect(v('9.4.0-cloud')).toMatchObject({ major: 9, minor: 4, patch: 0 });
    expect(v('8.0.33-u3')).toMatchObject({ patch: 33, update: 3 });
    expect(v(' 8.4.4-commercial ')).toMatchObject({ patch: 4, text: '8.4.4-commercial' });
  });

  it('reads a version without a patch number as the first release of its series', () => {
    expect(v('8.4')).toMatchObject({ major: 8, minor: 4, patch: 0, update: 0 });
  });

  it('refuses MariaDB and anything that is not a version', () => {
    for (const text of ['10.11.19-MariaDB-0+deb12u1', '', 'latest', '8', '8.4.4 cloud']) {
      let error: unknown;
      try {
        v(text);
      } catch (err: unknown) {
        error = err;
      }
      expect(hasErrorCode(error, 'HEATWAVE_VERSION_UNSUPPORTED'), text).toBe(true);
    }
  });

  it('orders releases by major, minor, patch, then HeatWave update', () => {
    const sorted = ['9.3.1-cloud', '8.0.36-u2-cloud', '8.4.4', '8.0.36', '9.3.0', '8.0.36-u1', '8.4.0-u3']
      .map(v)
      .sort(compareMysqlVersions)
      .map((x) => x.text);
    expect(sorted).toEqual([
      '8.0.36',
      '8.0.36-u1',
      '8.0.36-u2-cloud',
      '8.4.0-u3',
      '8.4.4',
      '9.3.0',
      '9.3.1-cloud',
    ]);
    expect(compareMysqlVersions(v('9.3.1'), v('9.3.1-cloud'))).toBe(0);
  });
});

describe('the HeatWave version table', () => {
  it('gives every feature a parseable minimum and an official page', () => {
    for (const [name, fact] of Object.entries(HEATWAVE_FEATURES)) {
      expect(() => v(fact.minVersion), name).not.toThrow();
      expect(fact.docUrl, name).toMatch(/^https:\/\/(dev\.mysql\.com|docs\.oracle\.com)\//);
    }
  });

  it('lists only known features in the feature sets', () => {
    for (const set of Object.values(HEATWAVE_FEATURE_SETS)) {
      for (const feature of set) expect(Object.keys(HEATWAVE_FEATURES)).toContain(feature);
    }
  });

  it('accepts the uri file entry only from 9.3.1 and the two-argument heatwave_load from 8.4.0', () => {
    expect(supports('lakehouseFileUri', '8.4.4')).toBe(false);
    expect(supports('lakehouseFileUri', '9.3.0-cloud')).toBe(false);
    expect(supports('lakehouseFileUri', '9.3.1-cloud')).toBe(true);
    expect(supports('lakehouseFileBucket', '8.4.4')).toBe(true);
    expect(supports('heatwaveLoadInputList', '8.0.36-u2-cloud')).toBe(false);
    expect(supports('heatwaveLoadInputList', v('8.4.0'))).toBe(true);
    expect(supports('lakehouseOn32GbShape', '8.4.0')).toBe(false);
    expect(supports('lakehouseOn32GbShape', '8.4.0-u3')).toBe(true);
  });

  it('picks the uri file entry from 9.3.1 and the bucket form below, unless told otherwise', () => {
    expect(lakehouseFileForm('8.4.4')).toBe('bucket');
    expect(lakehouseFileForm('9.3.1')).toBe('uri');
    expect(lakehouseFileForm(v('9.4.0-cloud'), 'auto')).toBe('uri');
    expect(lakehouseFileForm('9.4.0-cloud', 'bucket')).toBe('bucket');
    expect(lakehouseFileForm('8.4.4', 'uri')).toBe('uri');
  });

  it('names each missing feature once, with its minimum and page', () => {
    const features: HeatWaveFeature[] = ['mlTrain', 'mlPredictTable', 'mlPredictTable', 'mlTrainNamedHandle'];
    expect(missingFeatures(features, '8.0.31')).toEqual(['mlTrain', 'mlPredictTable']);
    expect(missingFeatures(features, '8.4.4')).toEqual([]);
    expect(describeFeature('lakehouseFileUri')).toBe(
      'lakehouseFileUri [file entry {"uri":"oci://bucket@namespace/prefix/"} (HeatWave on OCI only)] needs MySQL 9.3.1 (https://dev.mysql.com/doc/heatwave/en/mys-hw-lakehouse-loading-data-uri.html)',
    );
    expect(describeFeature('mlTrain')).toMatch(/needs MySQL 8\.4\.0 .*; minimum UNCONFIRMED$/);
  });

  it('refuses, before any SQL is sent, a step whose features the server lacks', () => {
    expect(() =>
      assertHeatWaveFeatures(HEATWAVE_FEATURE_SETS.autoParallelLoad, '8.4.4-cloud', 'Auto Parallel Load'),
    ).not.toThrow();
    let error: unknown;
    try {
      assertHeatWaveFeatures(HEATWAVE_FEATURE_SETS.autoParallelLoad, '8.0.36-u2-cloud', 'Auto Parallel Load');
    } catch (err: unknown) {
      error = err;
    }
    expect(hasErrorCode(error, 'HEATWAVE_VERSION_UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toMatch(
      /^Auto Parallel Load needs what MySQL 8\.0\.36-u2-cloud lacks: heatwaveLoadInputList .*needs MySQL 8\.4\.0/,
    );
    expect((error as { context: unknown }).context).toEqual({
      version: '8.0.36-u2-cloud',
      missing: ['heatwaveLoadInputList', 'heatwaveLoadModeOption', 'heatwaveLoadOutputOption'],
    });
  });
});
