import type { EnvironmentConfig } from './environment-config.js';
import { POC } from './poc.js';
import { PROD } from './prod.js';

/** The committed environments by name. */
export const ENVIRONMENTS: Readonly<Record<'poc' | 'prod', EnvironmentConfig>> = { poc: POC, prod: PROD };

/** Name of a committed environment. */
export type EnvironmentName = keyof typeof ENVIRONMENTS;

/** Tenancy facts that may be given from the environment instead of being committed. */
export interface EnvironmentOverrides {
  readonly region?: string;
  readonly tenancyOcid?: string;
  readonly compartmentOcid?: string;
  readonly tenancyName?: string;
  readonly ociConfigProfile?: string;
  /** Object Storage namespace of the tenancy's OCIR: replaces `your-namespace` in the image references. */
  readonly ocirNamespace?: string;
  /** Object Storage bucket for Terraform state (needs ocirNamespace, which is the tenancy namespace). */
  readonly stateBucket?: string;
  readonly ingestImageUrl?: string;
  readonly apiImageUrl?: string;
  readonly producerImageUrl?: string;
  readonly bootstrapImageUrl?: string;
}

/** The named environment with the overrides applied (not validated: the platform validates on use). */
export function resolveEnvironment(
  name: EnvironmentName,
  overrides: EnvironmentOverrides = {},
): EnvironmentConfig {
  const base = ENVIRONMENTS[name];
  const image = (explicit: string | undefined, committed: string): string =>
    explicit ??
    (overrides.ocirNamespace ? committed.replace('your-namespace', overrides.ocirNamespace) : committed);
  return {
    ...base,
    region: overrides.region ?? base.region,
    tenancyOcid: overrides.tenancyOcid ?? base.tenancyOcid,
    compartmentOcid: overrides.compartmentOcid ?? base.compartmentOcid,
    tenancyName: overrides.tenancyName ?? base.tenancyName,
    ...(overrides.ociConfigProfile === undefined ? {} : { ociConfigProfile: overrides.ociConfigProfile }),
    ...(overrides.stateBucket === undefined
      ? {}
      : {
          stateBucket: {
            name: overrides.stateBucket,
            namespace: overrides.ocirNamespace ?? 'your-namespace',
          },
        }),
    functions: {
      ...base.functions,
      ingestImageUrl: image(overrides.ingestImageUrl, base.functions.ingestImageUrl),
    },
    api: { ...base.api, imageUrl: image(overrides.apiImageUrl, base.api.imageUrl) },
    producer: { ...base.producer, imageUrl: image(overrides.producerImageUrl, base.producer.imageUrl) },
    bootstrap: { ...base.bootstrap, imageUrl: image(overrides.bootstrapImageUrl, base.bootstrap.imageUrl) },
  };
}
