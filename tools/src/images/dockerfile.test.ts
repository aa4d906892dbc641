import { describe, expect, it } from 'vitest';
import { execForm, finalStage, keyValues, parseDockerfile } from './dockerfile.js';

describe('parseDockerfile', () => {
  const text = [
    '# comment',
    'ARG NODE_IMAGE=node:20-slim',
    'FROM ${NODE_IMAGE} AS deps',
    'RUN npm ci \\',
    '  # a comment inside a continued instruction',
    '  --omit=dev',
    '',
    'FROM ${NODE_IMAGE}',
    'env A=1 B="two words"',
    'USER 1000:1000',
    'ENTRYPOINT ["node", "bundle/main.js"]',
  ].join('\n');

  it('joins continuation lines, skips comments and numbers the build stages', () => {
    const instructions = parseDockerfile(text);
    expect(instructions.map((i) => [i.keyword, i.stage])).toEqual([
      ['ARG', -1],
      ['FROM', 0],
      ['RUN', 0],
      ['FROM', 1],
      ['ENV', 1],
      ['USER', 1],
      ['ENTRYPOINT', 1],
    ]);
    expect(instructions[2]).toMatchObject({ args: 'npm ci --omit=dev', line: 4 });
    expect(finalStage(instructions).map((i) => i.keyword)).toEqual(['FROM', 'ENV', 'USER', 'ENTRYPOINT']);
  });

  it('reads ENV and ARG in both forms and the exec form of ENTRYPOINT', () => {
    expect(keyValues('A=1 B="two words" C')).toEqual({ A: '1', B: 'two words', C: undefined });
    expect(keyValues('NODE_OPTIONS --enable-source-maps')).toEqual({ NODE_OPTIONS: '--enable-source-maps' });
    expect(execForm('["node", "bundle/main.js"]')).toEqual(['node', 'bundle/main.js']);
    expect(execForm('node bundle/main.js')).toBeUndefined();
  });
});
