import { randomBytes } from 'node:crypto';

/** A name no other test run uses: `<prefix>_<12 hex chars>`, valid as a MySQL schema and a Kafka topic name. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}
