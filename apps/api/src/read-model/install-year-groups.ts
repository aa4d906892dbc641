import type { InstallYearGroup } from '../schemas/asset-life.js';

/**
 * Machines per manufacturer and install year (the workbook's "assets allocated per manufacturer and year"), by
 * manufacturer then year. The year is the first four characters of the `YYYY-MM-DD` install date: a calendar day
 * without a zone, so no clock or zone can move it into another year.
 */
export function groupByManufacturerAndInstallYear(
  entries: readonly { readonly manufacturer: string; readonly installedOn: string }[],
): InstallYearGroup[] {
  const counts = new Map<string, InstallYearGroup>();
  for (const { manufacturer, installedOn } of entries) {
    const installYear = Number(installedOn.slice(0, 4));
    const key = `${manufacturer}\u0000${String(installYear)}`;
    const seen = counts.get(key);
    counts.set(key, { manufacturer, installYear, assets: (seen?.assets ?? 0) + 1 });
  }
  return [...counts.values()].sort(
    (a, b) =>
      (a.manufacturer < b.manufacturer ? -1 : a.manufacturer > b.manufacturer ? 1 : 0) ||
      a.installYear - b.installYear,
  );
}
