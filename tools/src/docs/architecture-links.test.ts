import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docReferences, exportsName } from './doc-references.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const PAGE = 'docs/architecture.md';
const page = readFileSync(resolve(ROOT, PAGE), 'utf8');
const refs = docReferences(page);

describe('docReferences', () => {
  it('finds paths, names in files and relative links, and skips fences and double-backtick spans', () => {
    const sample = [
      'See `apps/x/src/a.ts`, `libs/y/` and `readings` (a table, not a path).',
      '`foo`, `bar` and `Baz` in `libs/y/src/b.ts`; `qux` or `quux` in',
      '  `apps/x/src/a.ts`. How to cite: `` `name` in `path` ``. [ADR](adr/0001-x.md#why), [web](https://x.org).',
      '```mermaid',
      '`ghost` in `apps/none.ts`',
      '```',
    ].join('\n');
    const found = docReferences(sample);
    expect(found.paths).toEqual(['apps/x/src/a.ts', 'libs/y', 'libs/y/src/b.ts']);
    expect(found.exports).toEqual([
      { name: 'foo', path: 'libs/y/src/b.ts' },
      { name: 'bar', path: 'libs/y/src/b.ts' },
      { name: 'Baz', path: 'libs/y/src/b.ts' },
      { name: 'qux', path: 'apps/x/src/a.ts' },
      { name: 'quux', path: 'apps/x/src/a.ts' },
    ]);
    expect(found.links).toEqual(['adr/0001-x.md']);
  });
});

describe('exportsName', () => {
  const source = [
    'export const A = 1;',
    'export async function b() {}',
    'export function* c() {}',
    'export abstract class D {}',
    'export type E = string;',
    'export interface F {}',
    'const hidden = 2;',
    'export { g, h as H, type I } from "./x.js";',
    'export {\n  J,\n  type K,\n};',
  ].join('\n');

  it('accepts declarations and export lists', () => {
    for (const name of ['A', 'b', 'c', 'D', 'E', 'F', 'g', 'H', 'I', 'J', 'K']) {
      expect(exportsName(source, name), name).toBe(true);
    }
  });

  it('refuses names that are only declared, renamed away or merely prefixes', () => {
    for (const name of ['hidden', 'h', 'Ab', 'export']) expect(exportsName(source, name), name).toBe(false);
  });
});

describe(PAGE, () => {
  it('cites enough of the code for the checks below to mean something', () => {
    expect(refs.paths.length).toBeGreaterThan(80);
    expect(refs.exports.length).toBeGreaterThan(150);
  });

  it('names only repository paths that exist', () => {
    const missing = refs.paths.filter((path) => !existsSync(resolve(ROOT, path)));
    expect(missing).toEqual([]);
  });

  it('names only exports that their files declare', () => {
    const wrong = refs.exports.filter(({ name, path }) => {
      const file = resolve(ROOT, path);
      if (!existsSync(file) || !statSync(file).isFile()) return true;
      return !exportsName(readFileSync(file, 'utf8'), name);
    });
    expect(wrong.map(({ name, path }) => `${name} in ${path}`)).toEqual([]);
  });

  it('links only to files that exist', () => {
    const from = dirname(resolve(ROOT, PAGE));
    const broken = refs.links.filter((link) => !existsSync(resolve(from, link)));
    expect(broken).toEqual([]);
  });

  it('is linked from the README', () => {
    expect(readFileSync(resolve(ROOT, 'README.md'), 'utf8').includes('(docs/architecture.md)')).toBe(true);
  });
});
