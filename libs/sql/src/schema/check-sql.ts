/**
 * CHECK constraint text built from the domain's own ranges and lists, so that the DDL cannot drift from what
 * libs/domain validates. The text must stay byte-identical to the committed migrations (a test compares them), so
 * these helpers print numbers as `String()` does and lists without spaces.
 */

/** `column BETWEEN min AND max`. */
export function betweenSql(column: string, range: { readonly min: number; readonly max: number }): string {
  return `${column} BETWEEN ${String(range.min)} AND ${String(range.max)}`;
}

/** `column IN ('a','b')`; the values are our own constants, never input, and must not hold quotes. */
export function inListSql(column: string, values: readonly string[]): string {
  for (const value of values) {
    if (value.includes("'") || value.includes('\\')) throw new Error(`unsafe CHECK value: ${value}`);
  }
  return `${column} IN (${values.map((v) => `'${v}'`).join(',')})`;
}
