import { badRequest } from '../http/api-problem.js';

/** Encodes keyset-pagination values as an opaque base64url cursor. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * Decodes a cursor this API issued into values of the expected kinds; anything else is a 400 naming the cursor,
 * never a 500 or a query with a value the caller smuggled in. Strings are at most `maxStringLength` (default 64)
 * characters.
 */
export function decodeCursor<const K extends readonly ('string' | 'number')[]>(
  cursor: string,
  kinds: K,
  maxStringLength = 64,
): { [I in keyof K]: K[I] extends 'string' ? string : number } {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('/query/cursor', 'is not a cursor this API issued');
  }
  if (
    !Array.isArray(values) ||
    values.length !== kinds.length ||
    values.some((v, i) =>
      kinds[i] === 'number'
        ? typeof v !== 'number' || !Number.isSafeInteger(v)
        : typeof v !== 'string' || v.length > maxStringLength,
    )
  ) {
    throw badRequest('/query/cursor', 'is not a cursor this API issued');
  }
  return values as { [I in keyof K]: K[I] extends 'string' ? string : number };
}
