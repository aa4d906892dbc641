import { validateAssetMasterData, type AssetMasterData } from '@lakehouse/domain';
import { ValidationError } from '@lakehouse/runtime';
import { splitCsvLine } from '../raw/split-csv-line.js';

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
const KNOWN: ReadonlySet<string> = new Set(ASSET_REGISTER_COLUMNS);

/** One problem of a register line; `path` is `/<column>` (the CSV's own name), `''` for the whole line. */
export interface RegisterProblem {
  readonly path: string;
  readonly reason: string;
  readonly message: string;
}

/** A bad line, as the reject file holds it: file, 1-based line number (header = 1), every reason, the text. */
export interface RegisterReject {
  readonly file: string;
  readonly line: number;
  readonly reasons: readonly RegisterProblem[];
  readonly record: string;
}

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

function readHeader(file: string, line: string | undefined): RegisterColumn[] {
  const split = line === undefined ? null : splitCsvLine(line.replace(/^\uFEFF/, ''));
  const header = split?.ok === true ? split.fields.map((f) => f.trim()) : [];
  const problems: RegisterProblem[] = [];
  for (const column of REQUIRED_COLUMNS)
    if (!header.includes(column))
      problems.push({ path: `/${column}`, reason: 'missing', message: `header column ${column} is missing` });
  if (!header.includes('service_life_years') && !header.includes('service_life_months'))
    problems.push({
      path: '/service_life_months',
      reason: 'missing',
      message: 'the header needs service_life_years or service_life_months',
    });
  for (const column of header.filter((c) => !KNOWN.has(c)))
    problems.push({
      path: `/${column}`,
      reason: 'unknown_field',
      message: `header column ${JSON.stringify(column)} is not a register column (${ASSET_REGISTER_COLUMNS.join(', ')})`,
    });
  for (const column of new Set(header.filter((c, i) => header.indexOf(c) !== i)))
    problems.push({
      path: `/${column}`,
      reason: 'duplicate_column',
      message: `header names ${column} twice`,
    });
  if (problems.length > 0) {
    throw new ValidationError(
      `${file}: the register header is not usable (line 1: ${JSON.stringify((line ?? '').slice(0, 200))}): ${problems
        .map((p) => p.message)
        .join('; ')}`,
      problems,
      { code: 'BULK_FILE_INVALID', context: { file } },
    );
  }
  return header as RegisterColumn[];
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
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  // A final newline ends the last line; it does not start an empty one.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const header = readHeader(file, lines[0]);
  const candidates: RegisterEntry[] = [];
  const rejects: RegisterReject[] = [];
  let blankLines = 0;
  for (let i = 1; i < lines.length; i++) {
    const record = lines[i] as string;
    const line = i + 1;
    if (record.trim() === '') {
      blankLines += 1;
      continue;
    }
    const split = splitCsvLine(record);
    if (!split.ok) {
      rejects.push({
        file,
        line,
        record,
        reasons: [{ path: '', reason: 'invalid_format', message: split.message }],
      });
      continue;
    }
    if (split.fields.length !== header.length) {
      rejects.push({
        file,
        line,
        record,
        reasons: [
          {
            path: '',
            reason: 'field_count',
            message: `the line has ${split.fields.length} fields, the header ${header.length}`,
          },
        ],
      });
      continue;
    }
    const cell = (column: RegisterColumn): string => {
      const index = header.indexOf(column);
      return index < 0 ? '' : (split.fields[index] ?? '').trim();
    };
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
    else candidates.push({ line, data: checked.value });
  }

  const linesById = new Map<string, number[]>();
  for (const c of candidates) {
    const key = c.data.assetId.toLowerCase();
    linesById.set(key, [...(linesById.get(key) ?? []), c.line]);
  }
  const entries: RegisterEntry[] = [];
  for (const c of candidates) {
    const sameId = linesById.get(c.data.assetId.toLowerCase()) ?? [];
    if (sameId.length === 1) {
      entries.push(c);
      continue;
    }
    rejects.push({
      file,
      line: c.line,
      record: lines[c.line - 1] as string,
      reasons: [
        {
          path: '/asset_id',
          reason: 'duplicate_key',
          message: `asset ${c.data.assetId} is on lines ${sameId.join(', ')}: a register names each asset once`,
        },
      ],
    });
  }
  rejects.sort((a, b) => a.line - b.line);
  return { entries, rejects, blankLines };
}

const quoted = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

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
      .map(quoted)
      .join(','),
  );
  return `${[ASSET_REGISTER_COLUMNS.join(','), ...rows].join('\n')}\n`;
}
