import { OciAccessSchema, type SecretReader } from '@lakehouse/contracts';
import { AppError, ConfigError, UpstreamError, parseConfig } from '@lakehouse/runtime';
import { readFile } from 'node:fs/promises';
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

/**
 * Reads secrets from the local stand-in of OCI Vault: a JSON object of secret OCID -> value that the local stack
 * writes for the rehearsal of a deploy. An OCID it does not hold is a configuration error naming the file.
 */
export function standInSecretReader(file: string): SecretReader {
  return async (secretOcid) => {
    vaultSecretRequest(secretOcid);
    let values: unknown;
    try {
      values = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new ConfigError('CONFIG_INVALID', `cannot read the Vault stand-in file ${file}`, {
        cause: error,
        context: { file },
      });
    }
    const value = (values as Record<string, unknown> | null)?.[secretOcid];
    if (typeof value !== 'string') {
      throw new ConfigError(
        'CONFIG_INVALID',
        `the Vault stand-in file ${file} holds no secret ${secretOcid}`,
        {
          context: { file, secretOcid },
        },
      );
    }
    return value;
  };
}

/**
 * The secret reader a workload's settings name (OciAccessSchema of @lakehouse/contracts): the Vault stand-in file
 * when OCI_VAULT_STAND_IN_FILE is set (local rehearsal), else OCI Vault with the OCI_AUTH credentials. Nothing is
 * contacted until a secret is read.
 */
export function secretReaderFor(env: Readonly<Record<string, string | undefined>>): SecretReader {
  const access = parseConfig(OciAccessSchema, env);
  if (access.OCI_VAULT_STAND_IN_FILE !== undefined)
    return standInSecretReader(access.OCI_VAULT_STAND_IN_FILE);
  const read = vaultSecretReader(env);
  return (secretOcid) => read(secretOcid, access.OCI_AUTH);
}
