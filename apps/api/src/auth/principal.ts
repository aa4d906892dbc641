/** Scopes a key or token can carry; `admin` implies `read`. */
export const SCOPES = ['read', 'admin'] as const;
/** One of {@link SCOPES}. */
export type Scope = (typeof SCOPES)[number];

/** Who is calling: an API key (by its public id) or a JWT subject, with its scopes. */
export interface Principal {
  readonly kind: 'api-key' | 'jwt';
  /** API key id or JWT `sub`; what acknowledgements record. */
  readonly id: string;
  readonly scopes: ReadonlySet<Scope>;
}

/** True when the principal may use a route that needs `scope`. */
export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has(scope) || principal.scopes.has('admin');
}

/** Parses `read,admin` / `read admin` into scopes; unknown names are dropped, never widened. */
export function parseScopes(text: string): Set<Scope> {
  const scopes = new Set<Scope>();
  for (const part of text.split(/[\s,]+/)) {
    if ((SCOPES as readonly string[]).includes(part)) scopes.add(part as Scope);
  }
  return scopes;
}
