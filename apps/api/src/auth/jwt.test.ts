import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signJwt, verifyJwt } from './jwt.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const NOW = Date.UTC(2026, 0, 1);
const nowS = NOW / 1000;
const options = { secret: SECRET, issuer: null, nowMs: NOW };

describe('verifyJwt', () => {
  it('accepts a valid HS256 token and reads its subject and scopes', () => {
    const token = signJwt({ sub: 'ops@plant', scope: 'read admin', exp: nowS + 60 }, SECRET);
    const principal = verifyJwt(token, options);
    expect(principal).toMatchObject({ kind: 'jwt', id: 'ops@plant' });
    expect([...principal.scopes].sort()).toEqual(['admin', 'read']);
  });

  it('refuses a token signed with another secret', () => {
    const token = signJwt({ sub: 'x', scope: 'read', exp: nowS + 60 }, `${SECRET}-other`);
    expect(() => verifyJwt(token, options)).toThrow(/signature is invalid/);
  });

  it('refuses alg none and other algorithms', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'x', scope: 'admin', exp: nowS + 60 })).toString(
      'base64url',
    );
    expect(() => verifyJwt(`${header}.${payload}.AAAA`, options)).toThrow(/HS256/);
    const hs512 = Buffer.from(JSON.stringify({ alg: 'HS512' })).toString('base64url');
    const sig = createHmac('sha512', SECRET).update(`${hs512}.${payload}`).digest('base64url');
    expect(() => verifyJwt(`${hs512}.${payload}.${sig}`, options)).toThrow(/HS256/);
  });

  it('refuses expired, not-yet-valid, foreign-issuer and scope-less tokens', () => {
    expect(() => verifyJwt(signJwt({ sub: 'x', scope: 'read', exp: nowS }, SECRET), options)).toThrow(
      /expired/,
    );
    expect(() =>
      verifyJwt(signJwt({ sub: 'x', scope: 'read', exp: nowS + 60, nbf: nowS + 30 }, SECRET), options),
    ).toThrow(/not valid yet/);
    expect(() =>
      verifyJwt(signJwt({ sub: 'x', scope: 'read', exp: nowS + 60, iss: 'evil' }, SECRET), {
        ...options,
        issuer: 'vault',
      }),
    ).toThrow(/issuer/);
    expect(() => verifyJwt(signJwt({ sub: 'x', scope: 'root', exp: nowS + 60 }, SECRET), options)).toThrow(
      /no known scope/,
    );
  });

  it('refuses malformed tokens with a message, never a crash', () => {
    for (const bad of ['', 'a.b', 'a.b.c.d', '!!!.###.$$$', 'e30.e30.', 'bm90anNvbg.e30.AAAA']) {
      expect(() => verifyJwt(bad, options)).toThrow(/token/);
    }
  });
});
