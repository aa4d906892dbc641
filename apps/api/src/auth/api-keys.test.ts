import { describe, expect, it } from 'vitest';
import { apiKeyNameProblem, generateApiKey, hashApiKey, looksLikeApiKey } from './api-keys.js';
import { hasScope, parseScopes } from './principal.js';

describe('API keys', () => {
  it('generates keys of the documented shape whose hash is what is stored', () => {
    const { keyId, key, keyHash } = generateApiKey();
    expect(key.startsWith(`lk_${keyId}_`)).toBe(true);
    expect(looksLikeApiKey(key)).toBe(true);
    expect(keyHash).toBe(hashApiKey(key));
    expect(keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(generateApiKey().key).not.toBe(key);
  });

  it('does not take arbitrary strings for keys', () => {
    for (const bad of ['', 'lk_', 'lk_0123456789abcdef_short', "lk_0123456789abcdef_' OR 1=1 --"]) {
      expect(looksLikeApiKey(bad)).toBe(false);
    }
  });

  it('takes one-line names of letters, digits and _ . @ : - up to 128 characters, and says what is wrong otherwise', () => {
    for (const ok of ['ops', 'grafana@plant-1', 'ci: nightly_v2', 'x'.repeat(128)])
      expect(apiKeyNameProblem(ok)).toBeNull();
    expect(apiKeyNameProblem('')).toBe('key name must be at least 1 character');
    expect(apiKeyNameProblem('x'.repeat(10_000))).toBe('key name must be at most 128 characters (got 10000)');
    expect(apiKeyNameProblem('ops\u0000')).toMatch(/U\+0000 .* at position 3/);
    expect(apiKeyNameProblem('ops\tteam')).toMatch(/U\+0009/);
    expect(apiKeyNameProblem('ops\u202eteam')).toMatch(/U\+202E/);
    expect(apiKeyNameProblem("ops'; DROP")).toBe(
      'key name may hold only letters, digits, space and _ . @ : -',
    );
  });

  it('parses scopes without widening them, and admin implies read', () => {
    expect([...parseScopes('read, admin root')].sort()).toEqual(['admin', 'read']);
    expect(parseScopes('superuser').size).toBe(0);
    const admin = { kind: 'api-key' as const, id: 'k', scopes: parseScopes('admin') };
    const reader = { kind: 'api-key' as const, id: 'k', scopes: parseScopes('read') };
    expect(hasScope(admin, 'read')).toBe(true);
    expect(hasScope(reader, 'admin')).toBe(false);
  });
});
