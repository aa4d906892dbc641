import { OCI_AUTH_KINDS, type OciAuthKind } from '@lakehouse/contracts';
import { ConfigError } from '@lakehouse/runtime';
import {
  ConfigFileAuthenticationDetailsProvider,
  InstancePrincipalsAuthenticationDetailsProviderBuilder,
  ResourcePrincipalAuthenticationDetailsProvider,
  type AuthenticationDetailsProvider,
} from 'oci-common';
import { checkOciConfigFile, type OciFiles } from './oci-config-file.js';

export { OCI_AUTH_KINDS, type OciAuthKind };

/** Settings of {@link createOciAuthProvider}. */
export interface OciAuthSettings {
  readonly kind: OciAuthKind;
  /** config_file only. @default ~/.oci/config */
  readonly configFile?: string;
  /** config_file only. @default DEFAULT */
  readonly profile?: string;
}

/**
 * The variable the OCI Functions runtime sets when the function has a resource principal; without it the SDK's
 * resource-principal provider cannot work, so its absence is reported before any call is attempted.
 */
export const RESOURCE_PRINCIPAL_VERSION_ENV = 'OCI_RESOURCE_PRINCIPAL_VERSION';

/**
 * Checks that the credentials for `settings` can exist on this machine, without calling OCI: a missing config file
 * or a resource principal outside OCI Functions fails here with a message naming what is missing.
 */
export function assertOciCredentialsPresent(
  settings: OciAuthSettings,
  env: Readonly<Record<string, string | undefined>>,
  files?: OciFiles,
): void {
  if (settings.kind === 'resource_principal' && (env[RESOURCE_PRINCIPAL_VERSION_ENV] ?? '') === '') {
    throw new ConfigError(
      'CONFIG_INVALID',
      `OCI resource principal credentials are missing (${RESOURCE_PRINCIPAL_VERSION_ENV} is not set): they exist only inside OCI Functions; elsewhere use OCI_AUTH=config_file`,
      { context: { keys: [RESOURCE_PRINCIPAL_VERSION_ENV] } },
    );
  }
  if (settings.kind === 'config_file') {
    checkOciConfigFile(
      {
        ...(settings.configFile === undefined ? {} : { configFile: settings.configFile }),
        ...(settings.profile === undefined ? {} : { profile: settings.profile }),
      },
      files,
    );
  }
}

/** Builds the SDK's authentication provider after {@link assertOciCredentialsPresent}. */
export async function createOciAuthProvider(
  settings: OciAuthSettings,
  env: Readonly<Record<string, string | undefined>>,
): Promise<AuthenticationDetailsProvider> {
  assertOciCredentialsPresent(settings, env);
  switch (settings.kind) {
    case 'resource_principal':
      return ResourcePrincipalAuthenticationDetailsProvider.builder();
    case 'instance_principal':
      return new InstancePrincipalsAuthenticationDetailsProviderBuilder().build();
    case 'config_file':
      return new ConfigFileAuthenticationDetailsProvider(settings.configFile, settings.profile);
  }
}
