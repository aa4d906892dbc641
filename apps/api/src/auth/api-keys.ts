import { textProblem } from '@lakehouse/domain';
import { UpstreamError } from '@lakehouse/runtime';
import type { Logger } from '@lakehouse/runtime';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { createHash, randomBytes } from 'node:crypto';
import { parseScopes, type Principal, type Scope } from './principal.js';

/** Keys look like `lk_<keyId>_<secret>`: the id is public (logs, acknowledgements), the secret is 256 random bits. */
const KEY_PATTERN = /^lk_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

/** sha256 hex of a key: what `api_keys.key_hash` stores and the in-memory map is keyed by. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new key with its id and hash; `random` is injectable for tests. */
export function generateApiKey(random: (size: number) => Buffer = randomBytes): {
  readonly keyId: string;
  readonly key: string;
  readonly keyHash: string;
} {
  const keyId = random(8).toString('hex');
  const key = `lk_${keyId}_${random(32).toString('base64url')}`;
  return { keyId, key, keyHash: hashApiKey(key) };
}

/** True when `text` has the shape of a key this API issues (checked before hashing anything). */
export function looksLikeApiKey(text: string): boolean {
  return KEY_PATTERN.test(text);
}

/** Longest key name (`api_keys.name` is VARCHAR(128)). */
export const API_KEY_NAME_MAX_LENGTH = 128;

/**
 * Why `name` cannot name an API key, or null. A name is one line of letters, digits, space and `_ . @ : -`: it is
 * shown in listings and logs, so control characters, oversized names and look-alike punctuation are refused.
 */
export function apiKeyNameProblem(name: string): string | null {
  const problem = textProblem(name, { maxLength: API_KEY_NAME_MAX_LENGTH });
  if (problem !== null) return `key name ${problem}`;
  if (!/^[\w .@:-]+$/.test(name)) return 'key name may hold only letters, digits, space and _ . @ : -';
  return null;
}

/** Creates a key in `api_keys` and returns it; the key itself is never stored and cannot be shown again. */
export async function createApiKey(
  pool: Pool,
  options: { readonly name: string; readonly scopes: readonly Scope[] },
): Promise<{ readonly keyId: string; readonly key: string }> {
  const nameProblem = apiKeyNameProblem(options.name);
  if (nameProblem !== null) throw new RangeError(nameProblem);
  if (options.scopes.length === 0) throw new RangeError('a key needs at least one scope');
  const { keyId, key, keyHash } = generateApiKey();
  try {
    await pool.query('INSERT INTO api_keys (key_id, key_hash, name, scopes) VALUES (?, ?, ?, ?)', [
      keyId,
      keyHash,
      options.name,
      [...new Set(options.scopes)].join(','),
    ]);
  } catch (err: unknown) {
    throw new UpstreamError('SQL_WRITE_FAILED', `cannot store API key: ${(err as Error).message}`, {
      cause: err,
      context: { table: 'api_keys' },
    });
  }
  return { keyId, key };
}

/** Marks a key revoked; API processes drop it at their next refresh. Returns whether a valid key was revoked. */
export async function revokeApiKey(pool: Pool, keyId: string): Promise<boolean> {
  const [result] = await pool.query<ResultSetHeader>(
    'UPDATE api_keys SET revoked_at = UTC_TIMESTAMP(3) WHERE key_id = ? AND revoked_at IS NULL',
    [keyId],
  );
  return result.affectedRows === 1;
}

/**
 * The valid keys, held in memory as a map from sha256 to principal: checking a key is one hash and one map lookup,
 * with no database round trip per request. Reloaded every `refreshMs` so new and revoked keys take effect.
 */
export class ApiKeyStore {
  #byHash = new Map<string, Principal>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
  ) {}

  /** Keys already hashed since the last refresh (valid ones only), so a busy client costs one map lookup. */
  #byKey = new Map<string, Principal>();

  /** The principal of a presented key, or undefined. */
  lookup(key: string): Principal | undefined {
    const known = this.#byKey.get(key);
    if (known !== undefined) return known;
    if (!looksLikeApiKey(key)) return undefined;
    const principal = this.#byHash.get(hashApiKey(key));
    // Bounded: only valid keys are remembered, and the memo is dropped at every refresh (revocations apply).
    if (principal !== undefined && this.#byKey.size < 10_000) this.#byKey.set(key, principal);
    return principal;
  }

  /** Reloads the map from `api_keys`. */
  async refresh(): Promise<void> {
    let rows: RowDataPacket[];
    try {
      [rows] = await this.pool.query<RowDataPacket[]>(
        'SELECT key_id, key_hash, scopes FROM api_keys WHERE revoked_at IS NULL',
      );
    } catch (err: unknown) {
      throw new UpstreamError('SQL_READ_FAILED', `cannot read api_keys: ${(err as Error).message}`, {
        cause: err,
        retryable: true,
        context: { table: 'api_keys' },
      });
    }
    const next = new Map<string, Principal>();
    for (const row of rows) {
      next.set(String(row['key_hash']), {
        kind: 'api-key',
        id: String(row['key_id']),
        scopes: parseScopes(String(row['scopes'])),
      });
    }
    this.#byHash = next;
    this.#byKey = new Map();
  }

  /** Refreshes every `refreshMs` until {@link stop}; a failed refresh keeps the previous keys and logs a warning. */
  start(refreshMs: number): void {
    this.#timer = setInterval(() => {
      this.refresh().catch((err: unknown) => this.logger.warn({ err }, 'api key refresh failed'));
    }, refreshMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
