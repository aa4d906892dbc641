/**
 * Text of IAM policy statements in the one form this platform writes (and src/iam/policy-statement.ts parses):
 * `Allow <subject> to <grant> in compartment id <ocid> [where ...]`.
 */

/** One `variable = 'value'` test. */
export type ConditionPair = readonly [variable: string, value: string];

function clause([variable, value]: ConditionPair): string {
  return `${variable} = '${value}'`;
}

/** A statement; `where` is the text after `where` (see {@link whereAll} and {@link whereAny}). */
export function allowStatement(
  subject: string,
  grant: string,
  compartmentId: string,
  where?: string,
): string {
  return `Allow ${subject} to ${grant} in compartment id ${compartmentId}${where === undefined ? '' : ` where ${where}`}`;
}

/** A condition every test of which must hold; one test is written without braces. */
export function whereAll(...pairs: readonly ConditionPair[]): string {
  const [only, ...more] = pairs;
  if (only === undefined) throw new Error('a condition needs at least one test');
  return more.length === 0 ? clause(only) : `all {${pairs.map(clause).join(', ')}}`;
}

/** A condition that holds when `variable` has any of `values`. */
export function whereAny(variable: string, values: readonly string[]): string {
  if (values.length === 0) throw new Error('a condition needs at least one value');
  return values.length === 1
    ? clause([variable, values[0] ?? ''])
    : `any {${values.map((v) => clause([variable, v])).join(', ')}}`;
}
