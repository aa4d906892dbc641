import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as browser from './browser.js';
import * as domain from './index.js';

/** Modules that `file` imports at run time (`import type` and `export type` are erased by the compiler). */
function runtimeImports(file: string): string[] {
  const source = readFileSync(join(import.meta.dirname, file), 'utf8');
  const statements = source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms);
  return [...statements].map((match) => match[1] ?? '');
}

/** Every module `entry` pulls in at run time, following relative imports. */
function runtimeGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('./')) visit(specifier.slice(2).replace(/\.js$/, '.ts'));
      else seen.add(specifier);
    }
  };
  visit(entry);
  return [...seen].sort();
}

describe('the browser entry', () => {
  // The dashboard bundles this entry: a runtime import of TypeBox (or of a Node module) would ship it to browsers.
  it('imports no package at run time, only pure files of this lib', () => {
    expect(runtimeGraph('browser.ts')).toEqual([
      'alert-episode-settings.ts',
      'browser.ts',
      'labels.ts',
      'maintenance-vocabulary.ts',
      'work-order-labels.ts',
    ]);
  });

  it('exports the same values as the main entry', () => {
    for (const [name, value] of Object.entries(browser)) {
      expect(domain[name as keyof typeof domain], name).toBe(value);
    }
  });
});
