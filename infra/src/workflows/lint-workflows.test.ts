import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintWorkflow } from './lint-workflows.js';

const workflowsDir = fileURLToPath(new URL('../../../.github/workflows/', import.meta.url));
const files = readdirSync(workflowsDir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));

describe('GitHub workflows', () => {
  it('has the PR, synth-on-main and gated deploy pipelines', () => {
    expect(files.sort()).toEqual(['ci.yml', 'infra-deploy.yml', 'infra-synth.yml']);
  });

  for (const file of files) {
    it(`${file} passes the workflow schema and our rules`, () => {
      expect(lintWorkflow(file, readFileSync(`${workflowsDir}/${file}`, 'utf8'))).toEqual([]);
    });
  }

  it('runs deploy only in an approval-gated environment after a plan', () => {
    const source = readFileSync(`${workflowsDir}/infra-deploy.yml`, 'utf8');
    expect(source).toMatch(
      /deploy:\n\s+needs: plan\n(.*\n)*?\s+environment: \$\{\{ inputs\.environment \}\}/,
    );
  });

  it('reports schema errors, unknown needs, unpinned actions, echoed secrets and ungated deploys', () => {
    const bad = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-onn: ubuntu-latest',
      '    steps: [{ run: echo hi }]',
      '  b:',
      '    runs-on: ubuntu-latest',
      '    needs: [zz]',
      '    steps:',
      '      - uses: actions/checkout',
      '      - run: echo ${{ secrets.TOKEN }}',
      '      - run: npx nx run infra:deploy --stack=network',
    ].join('\n');
    const messages = lintWorkflow('bad.yml', bad).map((p) => `${p.path} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/jobs\/a /),
        '/jobs/b/needs needs unknown job "zz"',
        '/jobs/b/steps/0 action actions/checkout is not pinned to a version',
        '/jobs/b/steps/1 prints a secret; pass it through env instead',
        '/jobs/b deploys without an environment (no approval gate)',
      ]),
    );
  });
});
