export {
  OCI_AUTH_KINDS,
  RESOURCE_PRINCIPAL_VERSION_ENV,
  assertOciCredentialsPresent,
  createOciAuthProvider,
  type OciAuthKind,
  type OciAuthSettings,
} from './oci-auth.js';
export {
  readVaultSecret,
  secretBundleText,
  secretReaderFor,
  standInSecretReader,
  vaultSecretReader,
  vaultSecretRequest,
} from './read-vault-secret.js';
export {
  checkOciConfigFile,
  configFileAuthProvider,
  parseOciConfig,
  type OciCredentials,
  type OciFiles,
  type OciTarget,
} from './oci-config-file.js';
export {
  ONS_MAX_BODY_BYTES,
  createOnsPublisher,
  onsPublishRequest,
  type OnsMessage,
  type OnsPublisher,
} from './publish-ons-message.js';
