/**
 * Free text people type (notes, names, assignees) is stored, shown on the dashboard and written to logs, so it may
 * not carry characters that change how it is displayed rather than what it says: C0 controls (except tab and
 * newline in multi-line text), DEL, C1 controls, the Unicode line and paragraph separators, and the bidirectional
 * embedding, override and isolate controls (text that reads differently than it is stored, CVE-2021-42574).
 * Carriage return is refused too: a note is one text with `\n` line breaks, as a browser's textarea gives it.
 */
const ALWAYS_REFUSED =
  '\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';

/** JSON Schema `pattern` of multi-line free text (notes): tab and newline allowed. */
export const MULTI_LINE_TEXT_PATTERN = `^[^${ALWAYS_REFUSED}]*$`;
/** JSON Schema `pattern` of single-line free text (names, assignees): no tab, no newline either. */
export const SINGLE_LINE_TEXT_PATTERN = `^[^\\t\\n${ALWAYS_REFUSED}]*$`;

/** What each pattern means, for error messages (a regex is not a message). */
export const TEXT_PATTERN_MESSAGES: ReadonlyMap<string, string> = new Map([
  [
    MULTI_LINE_TEXT_PATTERN,
    'must not contain control or bidirectional-override characters (tab and newline are allowed)',
  ],
  [SINGLE_LINE_TEXT_PATTERN, 'must be one line without control or bidirectional-override characters'],
]);

const MULTI_LINE = new RegExp(`[${ALWAYS_REFUSED}]`);
const SINGLE_LINE = new RegExp(`[\\t\\n${ALWAYS_REFUSED}]`);

/** Options of {@link textProblem}. */
export interface TextRules {
  /** Most UTF-16 code units (what JSON Schema's maxLength and a VARCHAR of utf8mb4 in the BMP count). */
  readonly maxLength: number;
  /** At least this many. @default 1 */
  readonly minLength?: number;
  /** Allow tab and newline. @default false */
  readonly isMultiLine?: boolean;
}

/**
 * Why `value` is not acceptable free text, or null: too short, too long, or a refused character named by its code
 * point and position (the value itself is never echoed: it may be huge or unprintable).
 */
export function textProblem(value: string, rules: TextRules): string | null {
  const minLength = rules.minLength ?? 1;
  if (value.length < minLength)
    return `must be at least ${String(minLength)} character${minLength === 1 ? '' : 's'}`;
  if (value.length > rules.maxLength) {
    return `must be at most ${String(rules.maxLength)} characters (got ${String(value.length)})`;
  }
  const found = (rules.isMultiLine === true ? MULTI_LINE : SINGLE_LINE).exec(value);
  if (found !== null) {
    const code = (found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return `must not contain U+${code} (a control or bidirectional-override character) at position ${String(found.index)}`;
  }
  return null;
}
