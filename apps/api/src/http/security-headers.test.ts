import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

describe('securityHeaders', () => {
  it('computes helmet defaults once: CSP, HSTS, nosniff, frame and referrer policies', () => {
    const headers = securityHeaders();
    expect(headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(headers['content-security-policy']).toMatch(/object-src 'none'/);
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-powered-by']).toBeUndefined();
  });

  it('honours options', () => {
    expect(securityHeaders({ frameguard: { action: 'deny' } })['x-frame-options']).toBe('DENY');
  });
});
