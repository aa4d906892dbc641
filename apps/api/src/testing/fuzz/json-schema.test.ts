import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertSupportedSchema, checkJsonSchema, type JsonSchema } from './json-schema.js';
import { invalidValue, validValue } from './schema-arbitrary.js';

const EPISODE_BODY: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['until', 'state'],
  properties: {
    until: { type: 'integer', minimum: 10, maximum: 20 },
    state: {
      anyOf: [
        { type: 'string', enum: ['open'] },
        { type: 'string', enum: ['resolved'] },
      ],
    },
    note: { type: ['string', 'null'], maxLength: 5 },
    assetId: { type: 'string', pattern: '^[A-Z][0-9]{1,3}$' },
    tags: { type: 'array', items: { type: 'number' }, minItems: 1, maxItems: 2 },
  },
};

describe('checkJsonSchema', () => {
  it('accepts a conforming value and names every break by its pointer', () => {
    expect(checkJsonSchema(EPISODE_BODY, { until: 10, state: 'open', note: null, tags: [1.5] })).toEqual([]);
    expect(
      checkJsonSchema(EPISODE_BODY, { until: 21, state: 'gone', note: 'toolong', tags: [], extra: 1 }),
    ).toEqual([
      '/until: 21 > maximum 20',
      expect.stringMatching(/^\/state: matches none of anyOf/),
      '/note: longer than 5',
      '/tags: fewer than 1 items',
      '/: unexpected property "extra"',
    ]);
    expect(checkJsonSchema(EPISODE_BODY, { state: 'open' })).toEqual(['/: missing required "until"']);
    expect(checkJsonSchema({ type: 'integer' }, 1.5)).toEqual(['/: expected integer, got number']);
  });

  it('refuses a keyword it would otherwise ignore', () => {
    expect(() =>
      assertSupportedSchema({ properties: { at: { format: 'date-time' } as JsonSchema } }),
    ).toThrow(/#\/properties\/at: JSON Schema keyword "format"/);
  });
});

describe('schema arbitraries', () => {
  it('generate values that conform', () => {
    fc.assert(
      fc.property(validValue(EPISODE_BODY), (value) => {
        expect(checkJsonSchema(EPISODE_BODY, value)).toEqual([]);
      }),
      { seed: 1, numRuns: 300 },
    );
  });

  it('generate values that certainly break the schema', () => {
    const invalid = invalidValue(EPISODE_BODY);
    expect(invalid).not.toBeNull();
    for (const schema of Object.values(EPISODE_BODY.properties ?? {})) {
      const arbitrary = invalidValue(schema);
      if (arbitrary === null) continue;
      fc.assert(
        fc.property(arbitrary, (value) => {
          expect(checkJsonSchema(schema, value)).not.toEqual([]);
        }),
        { seed: 2, numRuns: 200 },
      );
    }
  });
});
