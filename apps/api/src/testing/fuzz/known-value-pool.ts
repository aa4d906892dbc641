import fc from 'fast-check';
import type { Operation } from './openapi-operations.js';
import type { KnownValues } from './schema-arbitrary.js';

/** Most values kept per property name. */
const MAX_PER_NAME = 40;

/**
 * Values the API has answered with, by property name (`assetId`, `episodeId`, `modelId`): a path parameter, query
 * parameter or body property of the same name takes them, so generated requests hit rows that exist. Learnt from
 * every 200 JSON answer, so ids created during the run (a work order posted by the fuzz) are used later in it.
 */
export class KnownValuePool {
  readonly #values = new Map<string, (string | number)[]>();

  /** Adds every string (≤ 200 characters) and safe integer found under a property name in `json`. */
  learn(json: unknown): void {
    const stack: unknown[] = [json];
    while (stack.length > 0) {
      const value = stack.pop();
      if (Array.isArray(value)) stack.push(...value);
      else if (typeof value === 'object' && value !== null) {
        for (const [name, item] of Object.entries(value)) {
          if ((typeof item === 'string' && item.length <= 200) || Number.isSafeInteger(item)) {
            this.#add(name, item as string | number);
          } else stack.push(item);
        }
      }
    }
  }

  #add(name: string, value: string | number): void {
    const values = this.#values.get(name) ?? [];
    if (values.length < MAX_PER_NAME && !values.includes(value)) values.push(value);
    this.#values.set(name, values);
  }

  /** How many values are known for a name. */
  size(name: string): number {
    return this.#values.get(name)?.length ?? 0;
  }

  /** The arbitrary of the known values of a name, undefined when none is known (yet). */
  readonly lookup: KnownValues = (name) => {
    // A page's `nextCursor` is what its `cursor` parameter takes.
    const values =
      this.#values.get(name) ?? this.#values.get(`next${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`);
    if (values === undefined || values.length === 0) return undefined;
    return fc.nat().map((i) => values[i % values.length]);
  };
}

/**
 * A plain URL for an operation, to learn from its answer: path parameters from the pool, query parameters at their
 * defaults, required ones without a default at their widest (a lower bound for a name like `from`, else the upper).
 */
export function harvestUrl(op: Operation, pool: KnownValuePool): string {
  let url = op.path;
  const query: string[] = [];
  for (const p of op.parameters) {
    if (p.in === 'path') {
      const known = pool.lookup(p.name);
      const value = known === undefined ? 'none' : String(fc.sample(known, { numRuns: 1, seed: 1 })[0]);
      url = url.replace(`{${p.name}}`, encodeURIComponent(value));
    } else if (p.in === 'query' && p.required && p.schema.default === undefined) {
      const isLower = /^(from|start|since|after)/i.test(p.name);
      const bound = isLower ? p.schema.minimum : p.schema.maximum;
      const value = p.schema.enum?.[0] ?? bound;
      if (value !== undefined)
        query.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(String(value))}`);
    }
  }
  return query.length === 0 ? url : `${url}?${query.join('&')}`;
}
