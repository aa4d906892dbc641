/** Result of {@link splitCsvLine}: the fields, or why the line is not CSV. */
export type CsvLineResult =
  { readonly ok: true; readonly fields: string[] } | { readonly ok: false; readonly message: string };

/**
 * Splits one CSV line (RFC 4180 quoting: `"a,b"`, `""` inside quotes). Records spanning several lines are not
 * supported: raw reading files carry no line breaks inside fields, so an unterminated quote is reported.
 */
export function splitCsvLine(line: string): CsvLineResult {
  if (!line.includes('"')) return { ok: true, fields: line.split(',') };
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close < 0) return { ok: false, message: 'unterminated quoted field' };
        value += line.slice(i, close);
        if (line[close + 1] === '"') {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      if (i < line.length && line[i] !== ',')
        return { ok: false, message: `unexpected text after a quoted field at column ${String(i + 1)}` };
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end;
    }
    if (i >= line.length) return { ok: true, fields };
    i += 1; // the comma
    if (i === line.length) {
      fields.push('');
      return { ok: true, fields };
    }
  }
}
