import { validateSparePartStock, type SparePartStock } from '@lakehouse/domain';
import {
  csvField,
  readCsvTable,
  rejectRepeatedKeys,
  type CsvProblem,
  type CsvReject,
} from '../csv/read-csv-table.js';

/**
 * Columns of a spare-part stock CSV, in the order `stock generate` writes them (the header names them, any order).
 * Every column is required but `on_order` (0 when absent or empty).
 */
export const STOCK_COLUMNS = [
  'site_id',
  'part_id',
  'description',
  'asset_type',
  'on_hand',
  'on_order',
  'reorder_point',
  'reorder_quantity',
  'lead_time_days',
] as const;
type StockColumn = (typeof STOCK_COLUMNS)[number];

const REQUIRED: readonly StockColumn[] = STOCK_COLUMNS.filter((c) => c !== 'on_order');

/** Domain field -> the column of the CSV. */
const COLUMN_OF: Readonly<Record<keyof SparePartStock, StockColumn>> = {
  siteId: 'site_id',
  partId: 'part_id',
  description: 'description',
  assetType: 'asset_type',
  onHand: 'on_hand',
  onOrder: 'on_order',
  reorderPoint: 'reorder_point',
  reorderQuantity: 'reorder_quantity',
  leadTimeDays: 'lead_time_days',
};

/** A good line: its number and the validated row. */
export interface StockEntry {
  readonly line: number;
  readonly stock: SparePartStock;
}

/** Result of {@link parseStockCsv}: every data line is an entry, a reject or blank. */
export interface ParsedStockCsv {
  readonly entries: readonly StockEntry[];
  readonly rejects: readonly CsvReject[];
  readonly blankLines: number;
}

/**
 * Parses a stock CSV with the register import's conventions (ADR 0042): throws BULK_FILE_INVALID for a header that
 * lacks a required column or names an unknown or repeated one; every other line is an entry or a reject with all
 * its reasons (libs/domain `validateSparePartStock`), problems named by CSV column. A (site, part) on more than one
 * line is rejected on every such line; keys compare case-insensitively, as the table's key does.
 */
export function parseStockCsv(text: string, options: { readonly file: string }): ParsedStockCsv {
  const { file } = options;
  const table = readCsvTable(text, { file, kind: 'stock file', columns: STOCK_COLUMNS, required: REQUIRED });
  const rejects: CsvReject[] = [...table.rejects];
  const candidates: (StockEntry & { readonly record: string })[] = [];
  for (const { line, record, cell } of table.rows) {
    const checked = validateSparePartStock({
      siteId: cell('site_id'),
      partId: cell('part_id'),
      description: cell('description'),
      assetType: cell('asset_type'),
      onHand: cell('on_hand'),
      onOrder: cell('on_order'),
      reorderPoint: cell('reorder_point'),
      reorderQuantity: cell('reorder_quantity'),
      leadTimeDays: cell('lead_time_days'),
    });
    if (checked.ok) {
      candidates.push({ line, record, stock: checked.value });
      continue;
    }
    const reasons: CsvProblem[] = checked.problems.map((p) => {
      const column = COLUMN_OF[p.path.slice(1) as keyof SparePartStock];
      return { ...p, path: `/${column}` };
    });
    rejects.push({ file, line, record, reasons });
  }
  const unique = rejectRepeatedKeys(candidates, {
    file,
    keyOf: (c) => `${c.stock.siteId.toLowerCase()}\u0000${c.stock.partId.toLowerCase()}`,
    problem: (c, lines) => ({
      path: '/part_id',
      reason: 'duplicate_key',
      message: `part ${c.stock.partId} of site ${c.stock.siteId} is on lines ${lines.join(', ')}: a stock file names each once`,
    }),
  });
  rejects.push(...unique.rejects);
  rejects.sort((a, b) => a.line - b.line);
  return {
    entries: unique.kept.map(({ line, stock }) => ({ line, stock })),
    rejects,
    blankLines: table.blankLines,
  };
}

/** Writes stock rows as a stock CSV with the full header. */
export function formatStockCsv(rows: readonly SparePartStock[]): string {
  const lines = rows.map((s) =>
    [
      s.siteId,
      s.partId,
      s.description,
      s.assetType,
      String(s.onHand),
      String(s.onOrder),
      String(s.reorderPoint),
      String(s.reorderQuantity),
      String(s.leadTimeDays),
    ]
      .map(csvField)
      .join(','),
  );
  return `${[STOCK_COLUMNS.join(','), ...lines].join('\n')}\n`;
}
