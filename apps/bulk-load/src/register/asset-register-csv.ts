import { validateAssetMasterData, type AssetMasterData } from '@lakehouse/domain';
import {
  csvField,
  readCsvTable,
  rejectRepeatedKeys,
  type CsvProblem,
  type CsvReject,
} from '../csv/read-csv-table.js';

/**
 * Columns of an asset register CSV, in the order `assets generate` writes them. The header names the columns (any
 * order); `asset_id`, `manufacturer`, `model`, `installed_on`, `criticality` and one of the two service life
 * columns are required, `site_id` and `line_id` optional.
 */
export const ASSET_REGISTER_COLUMNS = [
  'asset_id',
  'manufacturer',
  'model',
  'installed_on',
  'service_life_years',
  'service_life_months',
  'criticality',
  'site_id',
  'line_id',
] as const;
type RegisterColumn = (typeof ASSET_REGISTER_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly RegisterColumn[] = [
  'asset_id',
  'manufacturer',
  'model',
  'installed_on',
  'criticality',
];

/** One problem of a register line; `path` is `/<column>` (the CSV's own name), `''` for the whole line. */
export type RegisterProblem = CsvProblem;

/** A bad line, as the reject file holds it: file, 1-based line number (header = 1), every reason, the text. */
export type RegisterReject = CsvReject;

/** A good line: its number and the validated entry. */
export interface RegisterEntry {
  readonly line: number;
  readonly data: AssetMasterData;
}

/** Result of {@link parseAssetRegister}: every data line is either an entry, a reject or blank. */
export interface ParsedAssetRegister {
  readonly entries: readonly RegisterEntry[];
  readonly rejects: readonly RegisterReject[];
  /** Empty or whitespace-only lines after the header (no record, counted so that every line is accounted for). */
  readonly blankLines: number;
}

/** Domain field -> the register column a problem with it is reported on. */
const COLUMN_OF: Readonly<Record<string, RegisterColumn>> = {
  '/assetId': 'asset_id',
  '/manufacturer': 'manufacturer',
  '/model': 'model',
  '/installedOn': 'installed_on',
  '/criticality': 'criticality',
  '/siteId': 'site_id',
  '/lineId': 'line_id',
};

/** The register's own header rule: one of the two service-life columns. */
function serviceLifeHeaderProblems(header: readonly string[]): RegisterProblem[] {
  return header.includes('service_life_years') || header.includes('service_life_months')
    ? []
    : [
        {
          path: '/service_life_months',
          reason: 'missing',
          message: 'the header needs service_life_years or service_life_months',
        },
      ];
}

/**
 * Service life in months from the years and months cells: one of them, or both when they agree. Years may have a
 * fraction as long as it makes whole months (12.5 years = 150 months).
 */
function serviceLifeMonths(
  yearsText: string,
  monthsText: string,
  problems: RegisterProblem[],
): number | undefined {
  let fromYears: number | undefined;
  let fromMonths: number | undefined;
  if (yearsText !== '') {
    const months = /^\d+(\.\d+)?$/.test(yearsText) ? Number(yearsText) * 12 : Number.NaN;
    if (!Number.isFinite(months) || Math.abs(months - Math.round(months)) > 1e-9) {
      problems.push({
        path: '/service_life_years',
        reason: 'invalid_format',
        message: `service_life_years must be a number of years that makes whole months, got ${JSON.stringify(yearsText)}`,
      });
    } else fromYears = Math.round(months);
  }
  if (monthsText !== '') {
    if (!/^\d+$/.test(monthsText)) {
      problems.push({
        path: '/service_life_months',
        reason: 'invalid_format',
        message: `service_life_months must be a whole number, got ${JSON.stringify(monthsText)}`,
      });
    } else fromMonths = Number(monthsText);
  }
  if (yearsText === '' && monthsText === '') {
    problems.push({
      path: '/service_life_months',
      reason: 'missing',
      message: 'service_life_years or service_life_months is required',
    });
  }
  if (fromYears !== undefined && fromMonths !== undefined && fromYears !== fromMonths) {
    problems.push({
      path: '/service_life_months',
      reason: 'inconsistent',
      message: `service_life_years ${yearsText} (${fromYears} months) and service_life_months ${monthsText} disagree`,
    });
    return undefined;
  }
  return fromMonths ?? fromYears;
}

/**
 * Parses an asset register CSV (header line first, RFC 4180 quoting, LF or CRLF, optional UTF-8 BOM). Throws
 * BULK_FILE_INVALID when the header lacks a required column or names an unknown one; otherwise returns every data
 * line as an entry or as a reject with all its reasons. Ids that occur on more than one line are rejected on
 * every such line (the register contradicts itself; which line is right is the owner's call). Ids compare
 * case-insensitively, as the database key does. `nowMs` decides which install dates are in the future.
 */
export function parseAssetRegister(
  text: string,
  options: { readonly file: string; readonly nowMs: number },
): ParsedAssetRegister {
  const { file } = options;
  const table = readCsvTable(text, {
    file,
    kind: 'register',
    columns: ASSET_REGISTER_COLUMNS,
    required: REQUIRED_COLUMNS,
    headerProblems: serviceLifeHeaderProblems,
  });
  const candidates: (RegisterEntry & { readonly record: string })[] = [];
  const rejects: RegisterReject[] = [...table.rejects];
  for (const { line, record, cell } of table.rows) {
    const problems: RegisterProblem[] = [];
    const months = serviceLifeMonths(cell('service_life_years'), cell('service_life_months'), problems);
    const optional = (column: 'site_id' | 'line_id'): string | undefined =>
      cell(column) === '' ? undefined : cell(column);
    const checked = validateAssetMasterData(
      {
        assetId: cell('asset_id'),
        manufacturer: cell('manufacturer'),
        model: cell('model'),
        installedOn: cell('installed_on'),
        // The service life's own problems are reported above; a stand-in keeps the domain from repeating them.
        serviceLifeMonths: months ?? 1,
        criticality: cell('criticality').toUpperCase(),
        siteId: optional('site_id'),
        lineId: optional('line_id'),
      },
      { nowMs: options.nowMs },
    );
    if (!checked.ok) {
      const lifeColumn = cell('service_life_months') === '' ? 'service_life_years' : 'service_life_months';
      for (const p of checked.problems) {
        const column = p.path === '/serviceLifeMonths' ? lifeColumn : COLUMN_OF[p.path];
        problems.push({ ...p, path: column === undefined ? p.path : `/${column}` });
      }
    }
    if (problems.length > 0 || !checked.ok) rejects.push({ file, line, record, reasons: problems });
    else candidates.push({ line, record, data: checked.value });
  }

  const unique = rejectRepeatedKeys(candidates, {
    file,
    keyOf: (c) => c.data.assetId.toLowerCase(),
    problem: (c, lines) => ({
      path: '/asset_id',
      reason: 'duplicate_key',
      message: `asset ${c.data.assetId} is on lines ${lines.join(', ')}: a register names each asset once`,
    }),
  });
  rejects.push(...unique.rejects);
  const entries: RegisterEntry[] = unique.kept.map(({ line, data }) => ({ line, data }));
  rejects.sort((a, b) => a.line - b.line);
  return { entries, rejects, blankLines: table.blankLines };
}

/** Writes entries as a register CSV with the full header (service life in months). */
export function formatAssetRegisterCsv(entries: readonly AssetMasterData[]): string {
  const rows = entries.map((e) =>
    [
      e.assetId,
      e.manufacturer,
      e.model,
      e.installedOn,
      '',
      String(e.serviceLifeMonths),
      e.criticality,
      e.siteId ?? '',
      e.lineId ?? '',
    ]
      .map(csvField)
      .join(','),
  );
  return `${[ASSET_REGISTER_COLUMNS.join(','), ...rows].join('\n')}\n`;
}
