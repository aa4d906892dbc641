import { Type } from '@sinclair/typebox';

/** How a process proves who it is to OCI. */
export const OCI_AUTH_KINDS = ['resource_principal', 'instance_principal', 'config_file'] as const;
/** One of {@link OCI_AUTH_KINDS}: functions and container instances use resource principals, laptops a config file. */
export type OciAuthKind = (typeof OCI_AUTH_KINDS)[number];

/**
 * Settings of every workload that calls OCI (Vault above all). `OCI_VAULT_STAND_IN_FILE` exists for the local
 * rehearsal of a deploy only: a JSON file mapping secret OCIDs to values that stands in for OCI Vault; infra never
 * sets it.
 */
export const OciAccessSchema = Type.Object({
  OCI_AUTH: Type.Union(
    OCI_AUTH_KINDS.map((k) => Type.Literal(k)),
    { default: 'resource_principal' },
  ),
  /** config_file only. @default ~/.oci/config */
  OCI_CONFIG_FILE: Type.Optional(Type.String({ minLength: 1 })),
  /** config_file only. @default DEFAULT */
  OCI_CONFIG_PROFILE: Type.Optional(Type.String({ minLength: 1 })),
  OCI_VAULT_STAND_IN_FILE: Type.Optional(Type.String({ minLength: 1 })),
});

/** pino levels a workload may log at. */
export const LogLevelSchema = Type.Union(
  ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
  { default: 'info' },
);
