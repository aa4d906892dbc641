import { dataflowParameterProblems, type DataflowParameters } from '@lakehouse/contracts';
import { ConfigError } from '@lakehouse/runtime';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** The parameters that name folders: local folders here, `oci://` URIs in Data Flow. */
const PATH_PARAMETERS = ['raw_path', 'rejects_path', 'silver_path'] as const;

/**
 * The Data Flow application's parameters for a local run, from a JSON object of name -> value (what the local
 * rehearsal of a deploy writes from the synthesized application): exactly the contract's names, every value a
 * string, the credential a Vault secret OCID in redaction-safe form, and local folders (resolved against `cwd`)
 * where Data Flow has `oci://` URIs. Throws one CONFIG_INVALID naming every problem.
 */
export function parseRehearsalParameters(
  text: string,
  source: string,
  cwd = process.cwd(),
): DataflowParameters {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err: unknown) {
    throw new ConfigError('CONFIG_INVALID', `${source} is not JSON`, { cause: err, context: { source } });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError('CONFIG_INVALID', `${source} must hold a JSON object of parameter name -> value`, {
      context: { source },
    });
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  const problems = entries
    .filter(([, v]) => typeof v !== 'string')
    .map(([name]) => `${name} must be a string`);
  const values = Object.fromEntries(entries.filter((e): e is [string, string] => typeof e[1] === 'string'));
  problems.push(...dataflowParameterProblems(values).map((p) => p.message));
  for (const name of PATH_PARAMETERS) {
    if (values[name]?.startsWith('oci://') === true) {
      problems.push(`${name} is an oci:// URI: local Spark reads and writes local folders, give one instead`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError('CONFIG_INVALID', `parameters in ${source}: ${problems.join('; ')}`, {
      context: { source, problems },
    });
  }
  const checked = values as DataflowParameters;
  return {
    ...checked,
    raw_path: resolve(cwd, checked.raw_path),
    rejects_path: resolve(cwd, checked.rejects_path),
    silver_path: resolve(cwd, checked.silver_path),
  };
}

/** {@link parseRehearsalParameters} of a file. */
export async function readRehearsalParameters(file: string): Promise<DataflowParameters> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err: unknown) {
    throw new ConfigError('CONFIG_INVALID', `cannot read the parameters file ${file}`, {
      cause: err,
      context: { file },
    });
  }
  return parseRehearsalParameters(text, file);
}
