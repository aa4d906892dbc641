import { describe, expect, it } from 'vitest';
import { uniqueName } from './unique-name.js';

describe('uniqueName', () => {
  it('makes distinct names valid for MySQL schemas and Kafka topics', () => {
    const names = new Set(Array.from({ length: 100 }, () => uniqueName('it')));
    expect(names.size).toBe(100);
    for (const name of names) expect(name).toMatch(/^it_[0-9a-f]{12}$/);
  });
});
