import type { InstallYearGroup } from '../../../src/schemas/route-schemas.js';

/** Machines per manufacturer (rows) and install year (columns), for a stacked bar per year. */
export interface InstallYearMatrix {
  /** Every year from the earliest to the latest install, gaps included, so the axis is to scale. */
  readonly years: readonly number[];
  readonly manufacturers: readonly string[];
  /** counts[m][y]: machines of manufacturers[m] installed in years[y]. */
  readonly counts: readonly (readonly number[])[];
}

/** Lays the API's (manufacturer, year, count) rows out as a matrix; manufacturers alphabetically. */
export function installYearMatrix(groups: readonly InstallYearGroup[]): InstallYearMatrix {
  if (groups.length === 0) return { years: [], manufacturers: [], counts: [] };
  const first = Math.min(...groups.map((g) => g.installYear));
  const last = Math.max(...groups.map((g) => g.installYear));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const manufacturers = [...new Set(groups.map((g) => g.manufacturer))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const counts = manufacturers.map(() => years.map(() => 0));
  for (const g of groups) {
    const row = counts[manufacturers.indexOf(g.manufacturer)];
    if (row !== undefined) row[g.installYear - first] = (row[g.installYear - first] ?? 0) + g.assets;
  }
  return { years, manufacturers, counts };
}
