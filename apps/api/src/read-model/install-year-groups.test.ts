import { describe, expect, it } from 'vitest';
import { groupByManufacturerAndInstallYear } from './install-year-groups.js';

describe('groupByManufacturerAndInstallYear', () => {
  it('counts machines per manufacturer and calendar year of the install date, by manufacturer then year', () => {
    expect(
      groupByManufacturerAndInstallYear([
        { manufacturer: 'Veskor', installedOn: '2019-12-31' },
        { manufacturer: 'Alder', installedOn: '2021-01-01' },
        { manufacturer: 'Alder', installedOn: '2016-02-29' },
        { manufacturer: 'Alder', installedOn: '2021-12-31' },
        { manufacturer: 'Veskor', installedOn: '2020-01-01' },
      ]),
    ).toEqual([
      { manufacturer: 'Alder', installYear: 2016, assets: 1 },
      { manufacturer: 'Alder', installYear: 2021, assets: 2 },
      { manufacturer: 'Veskor', installYear: 2019, assets: 1 },
      { manufacturer: 'Veskor', installYear: 2020, assets: 1 },
    ]);
  });

  it('is empty for an empty register', () => {
    expect(groupByManufacturerAndInstallYear([])).toEqual([]);
  });
});
