import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationsOf } from './openapi-operations.js';
import { requestFor } from './request-arbitrary.js';

const DOCUMENT = {
  paths: {
    '/things/{thingId}': {
      post: {
        security: [{ apiKey: [] }],
        parameters: [
          {
            in: 'path',
            name: 'thingId',
            required: true,
            schema: { type: 'string', pattern: '^T[0-9]{1,3}$' },
          },
          {
            in: 'query',
            name: 'limit',
            required: true,
            schema: { type: 'integer', minimum: 1, maximum: 9, default: 5 },
          },
          {
            in: 'header',
            name: 'X-Batch',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 5 },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['n'],
                properties: { n: { type: 'number', minimum: 0 } },
              },
            },
          },
        },
        responses: { '200': { content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
};

describe('requestFor', () => {
  const [op] = operationsOf(DOCUMENT);

  it('reads the operation: parameters, body, responses, security', () => {
    expect(op).toMatchObject({ method: 'POST', path: '/things/{thingId}', isSecured: true });
    expect(op?.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:thingId',
      'query:limit',
      'header:X-Batch',
    ]);
    expect(op?.body?.required).toBe(true);
  });

  it('generates clean, mutated and certainly invalid requests, header parameters included', () => {
    const known = (name: string) => (name === 'thingId' ? fc.constantFrom('T1', 'T22') : undefined);
    const requests = fc.sample(requestFor(op!, known), { numRuns: 400, seed: 3 });
    const clean = requests.filter((r) => r.mutations.length === 0 && !r.isCertainlyInvalid);
    expect(clean.length).toBeGreaterThan(50);
    expect(clean.some((r) => r.path === '/things/T1' || r.path === '/things/T22')).toBe(true);
    expect(requests.some((r) => r.headers['x-batch'] !== undefined)).toBe(true);
    for (const r of clean.filter((x) => x.headers['x-batch'] !== undefined)) {
      expect(Number(r.headers['x-batch'])).toBeGreaterThanOrEqual(1);
      expect(Number(r.headers['x-batch'])).toBeLessThanOrEqual(5);
    }
    const invalid = requests.filter((r) => r.isCertainlyInvalid);
    expect(invalid.length).toBeGreaterThan(50);
    expect(invalid.flatMap((r) => r.mutations)).toEqual(
      expect.arrayContaining([
        'invalid thingId',
        'invalid limit',
        'invalid X-Batch',
        'truncated JSON',
        'missing n',
      ]),
    );
  });

  it('refuses a cookie parameter instead of leaving it untested', () => {
    const withCookie = {
      paths: {
        '/x': {
          get: { parameters: [{ in: 'cookie', name: 'session', schema: { type: 'string' } }], responses: {} },
        },
      },
    };
    expect(() => operationsOf(withCookie)).toThrow(/cookie parameter session is not generated/);
  });
});
