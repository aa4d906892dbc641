import { readFileSync } from 'node:fs';
import type { ProviderSchema } from './schema-validator.js';

const PROVIDER_KEY = 'registry.terraform.io/oracle/oci';

/** Reads the committed OCI provider schema (schema/oci-schema.json, provider 8.28.0). */
export function loadOciProviderSchema(
  file: URL | string = new URL('../../schema/oci-schema.json', import.meta.url),
): ProviderSchema {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { provider_schemas: Record<string, ProviderSchema> };
  const schema = json.provider_schemas[PROVIDER_KEY];
  if (!schema) throw new Error(`${String(file)} has no ${PROVIDER_KEY} schema`);
  return schema;
}
