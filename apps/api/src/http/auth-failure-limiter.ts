import type { Logger } from '@lakehouse/runtime';
import { isIPv6 } from 'node:net';

/** Options of {@link AuthFailureLimiter}. */
export interface AuthFailureLimiterOptions {
  /** Failed authentications per window and client after which the client is locked out (API_AUTH_FAIL_MAX). */
  readonly maxFailures: number;
  /** API_AUTH_FAIL_WINDOW_MS: failures older than the window's start no longer count. */
  readonly windowMs: number;
  /** API_AUTH_LOCKOUT_MS: how long a locked-out client is refused, whatever credential it sends. */
  readonly lockoutMs: number;
  /** Clients tracked at most; the least recently failing is forgotten first. @default 10_000 */
  readonly maxClients?: number;
  /** Clock, epoch ms. @default Date.now */
  readonly now?: () => number;
  readonly logger: Logger;
}

interface ClientFailures {
  windowStartMs: number;
  failures: number;
  /** Epoch ms until which the client is refused; 0 when not locked. */
  lockedUntilMs: number;
}

/** Default of {@link AuthFailureLimiterOptions.maxClients}: about 1 MB at most (entries are a few numbers). */
export const DEFAULT_MAX_TRACKED_CLIENTS = 10_000;

/**
 * The key a client's failures are counted under: its IPv4 address, or the /64 network of an IPv6 address (one
 * host is usually given a whole /64, so counting single IPv6 addresses would let it rotate through 2^64 of them).
 */
export function clientKey(address: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4?.[1] !== undefined) return v4[1];
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Counts failed authentications per client address in a fixed window, and locks a client out for `lockoutMs` once
 * it reaches `maxFailures`: every request it sends to an authenticated route is then refused with 429 before its
 * credential is looked at, so a key guesser gains nothing by holding one valid key. Successes do not reset the
 * count for the same reason. This is separate from the general rate limit, whose budget is generous for real
 * traffic; this one is small because a legitimate client seldom fails more than a few times.
 *
 * Memory is bounded: at most `maxClients` entries, kept in least-recently-failing order (a Map's insertion order),
 * and a flood of distinct addresses evicts the oldest. A client that keeps failing while locked stays at the young
 * end, so a flood from other addresses has to be larger than the cap within one lockout to free it.
 */
export class AuthFailureLimiter {
  readonly #clients = new Map<string, ClientFailures>();
  readonly #maxClients: number;
  readonly #now: () => number;

  constructor(private readonly options: AuthFailureLimiterOptions) {
    this.#maxClients = options.maxClients ?? DEFAULT_MAX_TRACKED_CLIENTS;
    this.#now = options.now ?? Date.now;
  }

  /** Seconds the client must wait when it is locked out (for retry-after), else 0. */
  lockedForS(address: string): number {
    const key = clientKey(address);
    const entry = this.#clients.get(key);
    if (entry === undefined || entry.lockedUntilMs === 0) return 0;
    const leftMs = entry.lockedUntilMs - this.#now();
    if (leftMs <= 0) {
      this.#clients.delete(key);
      return 0;
    }
    this.#touch(key, entry);
    return Math.ceil(leftMs / 1000);
  }

  /** Counts one failed authentication of the client; locks it out (and logs that once) at the limit. */
  recordFailure(address: string): void {
    const key = clientKey(address);
    const at = this.#now();
    let entry = this.#clients.get(key);
    if (
      entry === undefined ||
      (entry.lockedUntilMs === 0 && at - entry.windowStartMs >= this.options.windowMs)
    ) {
      entry = { windowStartMs: at, failures: 0, lockedUntilMs: 0 };
    }
    entry.failures += 1;
    if (entry.lockedUntilMs === 0 && entry.failures >= this.options.maxFailures) {
      entry.lockedUntilMs = at + this.options.lockoutMs;
      // The address and the count only: never the credential, nor any part of it.
      this.options.logger.warn(
        { clientAddress: key, failures: entry.failures, lockoutMs: this.options.lockoutMs },
        'client locked out after failed authentication',
      );
    }
    this.#touch(key, entry);
    while (this.#clients.size > this.#maxClients) {
      const oldest = this.#clients.keys().next().value;
      if (oldest === undefined) break;
      this.#clients.delete(oldest);
    }
  }

  /** Clients tracked now (for tests and the memory bound). */
  get trackedClients(): number {
    return this.#clients.size;
  }

  #touch(key: string, entry: ClientFailures): void {
    this.#clients.delete(key);
    this.#clients.set(key, entry);
  }
}
