import { SPARK_REDACTED_VALUE } from '@lakehouse/contracts';
import { ValidationError } from '@lakehouse/runtime';

const PARAMETER = /\$\{([A-Za-z0-9_]+)\}/g;

/** Names of the Data Flow `${name}` parameters a script uses, sorted, each once. */
export function sqlParameterNames(sql: string): string[] {
  return [...new Set([...sql.matchAll(PARAMETER)].map((m) => m[1] ?? ''))].sort();
}

/**
 * Checks that every `${name}` of the script has a non-empty value, that no value can break out of the
 * statement it is substituted into, and that Spark will not redact it. Spark leaves an unknown `${x}` as literal text, so without this check a
 * forgotten parameter surfaces late as a confusing path or URL error; this one names every missing parameter
 * before Spark starts.
 */
export function checkSqlParameters(sql: string, values: Readonly<Record<string, string | undefined>>): void {
  const problems: { path: string; reason: string; message: string }[] = [];
  for (const name of sqlParameterNames(sql)) {
    const value = values[name];
    if (value === undefined || value === '') {
      problems.push({ path: `/${name}`, reason: 'missing', message: `parameter ${name} has no value` });
    } else if (/[;'\n\r]/.test(value)) {
      problems.push({
        path: `/${name}`,
        reason: 'invalid_format',
        message: `parameter ${name} must not contain a quote, a semicolon or a line break`,
      });
    } else if (SPARK_REDACTED_VALUE.test(value)) {
      // Spark would substitute `*********(redacted)` for it (libs/contracts, SPARK_REDACTED_WORDS).
      problems.push({
        path: `/${name}`,
        reason: 'invalid_format',
        message: `parameter ${name} contains a word Spark redacts before substitution (${SPARK_REDACTED_VALUE.source})`,
      });
    }
  }
  if (problems.length > 0) {
    throw new ValidationError(
      `the Spark SQL job cannot start: ${problems.map((p) => p.message).join('; ')}`,
      problems,
      { code: 'BULK_PARAMETER_MISSING', context: { parameters: problems.map((p) => p.path.slice(1)) } },
    );
  }
}
