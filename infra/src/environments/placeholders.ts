/**
 * Values in the committed environment files that a fork must replace (or override through src/config.ts) before
 * deploying. Synth works with them, so that a fresh clone can synthesize and test; the deploy preflight refuses them.
 */
export const PLACEHOLDER_MARKERS = ['exampleexample', 'your-namespace'] as const;

/** Example tenancy OCID: syntactically valid, never a real tenancy. */
export const EXAMPLE_TENANCY_OCID =
  'ocid1.tenancy.oc1..aaaaaaaaexampleexampleexampleexampleexampleexampleexample';
/** Example compartment OCID: syntactically valid, never a real compartment. */
export const EXAMPLE_COMPARTMENT_OCID =
  'ocid1.compartment.oc1..aaaaaaaaexampleexampleexampleexampleexampleexampleexample';

/** Example tenancy name (the Streaming SASL user names start with it). */
export const EXAMPLE_TENANCY_NAME = 'exampleexample-tenancy';

/** Image reference of one of our apps in OCIR under the placeholder namespace. */
export function exampleImage(regionKey: string, app: string, tag: string): string {
  return `${regionKey}.ocir.io/your-namespace/lakehouse/${app}:${tag}`;
}

/** Paths of the config that still hold a placeholder value. */
export function findPlaceholders(value: unknown, path = ''): string[] {
  if (typeof value === 'string') {
    return PLACEHOLDER_MARKERS.some((m) => value.includes(m)) ? [path] : [];
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => findPlaceholders(v, path === '' ? k : `${path}.${k}`));
  }
  return [];
}
