import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createJwtVerifier, signJwt, type JwtSettings } from './jwt.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const NOW = Date.UTC(2026, 0, 1);
const nowS = NOW / 1000;
const HS256: JwtSettings = {
  secret: SECRET,
  jwksUrl: null,
  issuer: null,
  audience: null,
  clockToleranceS: 0,
};

function verifier(settings: Partial<JwtSettings> = {}) {
  const verify = createJwtVerifier({ ...HS256, ...settings }, () => NOW);
  if (verify === null) throw new Error('JWTs are off');
  return verify;
}

describe('HS256 JWTs (the shared-secret mode for local use)', () => {
  it('are off without a secret and a key set', () => {
    expect(createJwtVerifier({ ...HS256, secret: null }, () => NOW)).toBeNull();
  });

  it('accepts a valid HS256 token and reads its subject and scopes', async () => {
    const token = await signJwt({ sub: 'ops@plant', scope: 'read admin', exp: nowS + 60 }, SECRET);
    const principal = await verifier()(token);
    expect(principal).toMatchObject({ kind: 'jwt', id: 'ops@plant' });
    expect([...principal.scopes].sort()).toEqual(['admin', 'read']);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signJwt({ sub: 'x', scope: 'read', exp: nowS + 60 }, `${SECRET}-other`);
    await expect(verifier()(token)).rejects.toThrow(/signature is invalid/);
  });

  it('refuses alg none and other algorithms', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'x', scope: 'admin', exp: nowS + 60 })).toString(
      'base64url',
    );
    await expect(verifier()(`${header}.${payload}.AAAA`)).rejects.toThrow(/HS256/);
    const hs512 = Buffer.from(JSON.stringify({ alg: 'HS512' })).toString('base64url');
    const sig = createHmac('sha512', SECRET).update(`${hs512}.${payload}`).digest('base64url');
    await expect(verifier()(`${hs512}.${payload}.${sig}`)).rejects.toThrow(/HS256/);
  });

  it('refuses expired, not-yet-valid, foreign-issuer and scope-less tokens', async () => {
    const verify = verifier();
    await expect(verify(await signJwt({ sub: 'x', scope: 'read', exp: nowS }, SECRET))).rejects.toThrow(
      /expired/,
    );
    await expect(
      verify(await signJwt({ sub: 'x', scope: 'read', exp: nowS + 60, nbf: nowS + 30 }, SECRET)),
    ).rejects.toThrow(/not valid yet/);
    await expect(
      verifier({ issuer: 'vault' })(
        await signJwt({ sub: 'x', scope: 'read', exp: nowS + 60, iss: 'evil' }, SECRET),
      ),
    ).rejects.toThrow(/issuer/);
    await expect(verify(await signJwt({ sub: 'x', scope: 'root', exp: nowS + 60 }, SECRET))).rejects.toThrow(
      /no known scope/,
    );
  });

  it('refuses a token without exp, and one for another audience', async () => {
    const noExp = await signJwt({ sub: 'x', scope: 'read' } as never, SECRET);
    await expect(verifier()(noExp)).rejects.toThrow(/exp/);
    const token = await signJwt({ sub: 'x', scope: 'read', exp: nowS + 60, aud: 'other-api' }, SECRET);
    await expect(verifier({ audience: 'lakehouse-api' })(token)).rejects.toThrow(/audience/);
  });

  it('refuses malformed tokens with a message, never a crash', async () => {
    for (const bad of ['', 'a.b', 'a.b.c.d', '!!!.###.$$$', 'e30.e30.', 'bm90anNvbg.e30.AAAA']) {
      await expect(verifier()(bad)).rejects.toThrow(/token/);
    }
  });
});
