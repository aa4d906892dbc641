import { describe, expect, it } from 'vitest';
import { installYearMatrix } from './install-year-matrix.js';

describe('installYearMatrix', () => {
  it('has a column for every year between the first and last install and a row per manufacturer', () => {
    expect(
      installYearMatrix([
        { manufacturer: 'Veskor', installYear: 2014, assets: 2 },
        { manufacturer: 'Alder', installYear: 2011, assets: 1 },
        { manufacturer: 'Alder', installYear: 2014, assets: 3 },
      ]),
    ).toEqual({
      years: [2011, 2012, 2013, 2014],
      manufacturers: ['Alder', 'Veskor'],
      counts: [
        [1, 0, 0, 3],
        [0, 0, 0, 2],
      ],
    });
  });

  it('is empty without register rows', () => {
    expect(installYearMatrix([])).toEqual({ years: [], manufacturers: [], counts: [] });
  });
});
