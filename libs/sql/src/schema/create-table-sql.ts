import type { ColumnDefinition, TableDefinition } from './table-definition.js';

/** Quotes an identifier for MySQL/MariaDB; names come from our own definitions, never from input. */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name))
    throw new Error(`unsafe SQL identifier: ${JSON.stringify(name)}`);
  return `\`${name}\``;
}

/** Quotes a string literal for DDL (comments); doubles quotes and escapes backslashes. */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The column comment. HeatWave reads `RAPID_COLUMN=ENCODING=...` from the comment, and how it would parse a
 * description next to that key is unconfirmed, so encoded columns carry only the key; their description lives in
 * the catalog. Other columns carry their description and unit.
 */
export function columnComment(column: ColumnDefinition): string {
  if (column.rapidEncoding !== undefined) return `RAPID_COLUMN=ENCODING=${column.rapidEncoding}`;
  return column.unit === undefined ? column.description : `${column.description} [${column.unit}]`;
}

function columnSql(column: ColumnDefinition): string {
  const parts = [quoteIdentifier(column.name), column.type];
  if (column.generatedAsSql !== undefined) {
    // MariaDB accepts neither NULL/NOT NULL nor DEFAULT on generated columns; they are nullable by nature.
    parts.push(`GENERATED ALWAYS AS (${column.generatedAsSql}) STORED`);
  } else {
    parts.push(column.nullable === true ? 'NULL' : 'NOT NULL');
    if (column.autoIncrement === true) parts.push('AUTO_INCREMENT');
    if (column.defaultSql !== undefined) parts.push(`DEFAULT ${column.defaultSql}`);
  }
  parts.push(`COMMENT ${quoteLiteral(columnComment(column))}`);
  // Executed by MySQL 8.0.23+ (HeatWave), skipped by MariaDB, which ignores versioned comments >= 5.7.
  if (column.notSecondary === true) parts.push('/*!80023 NOT SECONDARY */');
  return parts.join(' ');
}

/** Name of a CHECK constraint; MySQL scopes constraint names per schema, so they carry the table name. */
export function checkConstraintName(table: TableDefinition, checkName: string): string {
  return checkName.startsWith(`${table.name}_`) ? checkName : `${table.name}_${checkName}`;
}

/**
 * `CREATE TABLE IF NOT EXISTS` for one table. The HeatWave clauses sit in MySQL versioned comments
 * (`/*!80013 SECONDARY_ENGINE=RAPID *\/`), which MySQL/HeatWave executes and MariaDB 10.11 ignores, so the same
 * text runs on both (heatwave-reference.md section 0). No collation is named: MySQL 8's default collation does
 * not exist in MariaDB.
 */
export function createTableSql(table: TableDefinition): string {
  const known = new Set(table.columns.map((c) => c.name));
  const checkColumns = (columns: readonly string[], what: string): void => {
    for (const c of columns)
      if (!known.has(c)) throw new Error(`${table.name}: ${what} names unknown column ${c}`);
  };
  checkColumns(table.primaryKey, 'primary key');
  const lines = table.columns.map(columnSql);
  lines.push(`PRIMARY KEY (${table.primaryKey.map(quoteIdentifier).join(', ')})`);
  for (const index of table.indexes ?? []) {
    checkColumns(index.columns, `index ${index.name}`);
    lines.push(
      `${index.unique === true ? 'UNIQUE KEY' : 'KEY'} ${quoteIdentifier(index.name)} (${index.columns.map(quoteIdentifier).join(', ')})`,
    );
  }
  for (const check of table.checks ?? []) {
    lines.push(`CONSTRAINT ${quoteIdentifier(checkConstraintName(table, check.name))} CHECK (${check.sql})`);
  }
  const options = [`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT=${quoteLiteral(table.description)}`];
  if (table.rapid) options.push('/*!80013 SECONDARY_ENGINE=RAPID */');
  return `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(table.name)} (\n  ${lines.join(',\n  ')}\n) ${options.join(' ')}`;
}

/** `DROP TABLE IF EXISTS` for one table. */
export function dropTableSql(table: TableDefinition): string {
  return `DROP TABLE IF EXISTS ${quoteIdentifier(table.name)}`;
}
