import { readFileSync } from 'node:fs';

/**
 * The variable names a `.env.example` file documents (`KEY=value` lines, commented-out `# KEY=value` lines
 * included), in file order. Apps test this list against their config schema so the two cannot drift apart.
 */
export function envExampleKeys(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line.trim())?.[1])
    .filter((key): key is string => key !== undefined);
}
