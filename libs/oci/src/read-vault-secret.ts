import { AppError, UpstreamError } from '@lakehouse/runtime';
import { createOciAuthProvider, type OciAuthKind } from './oci-auth.js';
import type { AuthenticationDetailsProvider } from 'oci-common';
import { SecretsClient, requests, type responses } from 'oci-secrets';

/** The request that reads the current version of a Vault secret. */
export function vaultSecretRequest(secretId: string): requests.GetSecretBundleRequest {
  if (!/^ocid1\.vaultsecret\./.test(secretId)) {
    throw new AppError('CONFIG_INVALID', `not a Vault secret OCID: ${JSON.stringify(secretId)}`, {
      context: { secretId },
    });
  }
  return { secretId, stage: requests.GetSecretBundleRequest.Stage.Current };
}

/** The text of a secret bundle (Vault returns it base64 encoded). */
export function secretBundleText(bundle: responses.GetSecretBundleResponse['secretBundle']): string {
  const content = bundle.secretBundleContent;
  if (content?.contentType !== 'BASE64' || !('content' in content) || typeof content.content !== 'string') {
    throw new UpstreamError('OCI_REQUEST_FAILED', 'the Vault secret has no base64 content', {
      context: { secretId: bundle.secretId },
    });
  }
  return Buffer.from(content.content, 'base64').toString('utf8');
}

/** Reads the current value of a Vault secret. The value is returned, never logged. */
export async function readVaultSecret(
  secretId: string,
  authenticationDetailsProvider: AuthenticationDetailsProvider,
): Promise<string> {
  const request = vaultSecretRequest(secretId);
  const client = new SecretsClient({ authenticationDetailsProvider });
  try {
    const response = await client.getSecretBundle(request);
    return secretBundleText(response.secretBundle);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new UpstreamError('OCI_REQUEST_FAILED', `could not read Vault secret ${secretId}`, {
      cause: error,
      retryable: true,
      context: { secretId },
    });
  } finally {
    client.close();
  }
}

/**
 * A reader of Vault secrets with the credentials `auth` names; a config-file location and profile come from
 * OCI_CONFIG_FILE / OCI_CONFIG_PROFILE in `env`. Apps take it as the default of their config loader.
 */
export function vaultSecretReader(
  env: Readonly<Record<string, string | undefined>>,
): (secretId: string, auth: OciAuthKind) => Promise<string> {
  return async (secretId, auth) =>
    readVaultSecret(
      secretId,
      await createOciAuthProvider(
        {
          kind: auth,
          ...(env.OCI_CONFIG_FILE === undefined ? {} : { configFile: env.OCI_CONFIG_FILE }),
          ...(env.OCI_CONFIG_PROFILE === undefined ? {} : { profile: env.OCI_CONFIG_PROFILE }),
        },
        env,
      ),
    );
}
