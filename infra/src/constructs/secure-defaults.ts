/**
 * Secure defaults, in one module (STYLE section 10): every stack takes these values instead of repeating them, and
 * the policy checks in src/checks test the synthesized JSON against the same rules.
 */
export const SECURE_DEFAULTS = {
  /** Buckets: no anonymous access, every overwrite kept as a version. */
  bucketAccessType: 'NoPublicAccess',
  bucketVersioning: 'Enabled',
  /** The only port open to the internet, and only on the API gateway's NSG. */
  publicIngressPort: 443,
  anywhereCidr: '0.0.0.0/0',
  /** MySQL classic and X protocol ports, reachable from the app subnet only. */
  mysqlPorts: [3306, 33060],
  /** OCI Streaming's Kafka-compatible port. */
  kafkaPort: 9092,
  /** The DB system presents a service-generated TLS certificate; the configuration must require TLS. */
  mysqlCertificateGenerationType: 'SYSTEM',
  /** Master encryption key: AES-256. */
  keyAlgorithm: 'AES',
  keyLengthBytes: 32,
  /** Auto-generated secrets: 32-character passphrases in the DB-compatible template. */
  secretGenerationType: 'PASSPHRASE',
  secretGenerationTemplate: 'DBAAS_DEFAULT_PASSWORD',
  secretPassphraseLength: 32,
} as const;

/** TCP protocol number as the OCI API spells it in security rules. */
export const PROTOCOL_TCP = '6';
/** Every protocol. */
export const PROTOCOL_ALL = 'all';
