/**
 * `npx nx run infra:rehearse`: the local rehearsal of a deploy. Synthesizes an environment (INFRA_ENV, default
 * poc) and starts its workloads on the local stack with the settings Terraform gives them, mapped to local
 * equivalents by one table (printed first), then checks that readings flow from the producer to the API.
 * Flags: --env poc|prod, --assets N, --readings N, --isolate (suffix schema, user and stream; tests use it).
 * Exit codes: 0 readings flowed, 1 failed, 2 bad usage.
 */
import { defineCommand, runCli } from '@lakehouse/cli';
import { Type } from '@sinclair/typebox';
import { readStackSettings, stackDir, WORKSPACE_ROOT } from '@lakehouse/local-stack';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { LOCAL_EQUIVALENTS } from './local-equivalents.js';
import { rehearseDeploy } from './rehearse.js';

const REHEARSE_COMMAND = defineCommand({
  name: 'rehearse',
  invocation: 'npx nx run infra:rehearse --',
  summary:
    'The local rehearsal of a deploy: its workloads on the local stack with the settings Terraform gives them.',
  flags: {
    env: Type.Union([Type.Literal('poc'), Type.Literal('prod')], {
      default: 'poc',
      env: 'INFRA_ENV',
      description: 'environment to synthesize',
    }),
    assets: Type.Integer({ minimum: 1, maximum: 1000, default: 4, description: 'simulated machines' }),
    readings: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      default: 400,
      description: 'readings to publish',
    }),
    isolate: Type.Boolean({ default: false, description: 'suffix schema, user and stream (tests use it)' }),
  },
  build: ({ flags }) => flags,
});

process.exitCode = await runCli(
  REHEARSE_COMMAND,
  process.argv.slice(2),
  async ({ env, assets, readings, isolate }) => {
    const run = `${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const workDir = join(WORKSPACE_ROOT, '.local', 'rehearsal', run);
    console.error('OCI-only values and their local equivalents (everything else as Terraform writes it):');
    for (const row of LOCAL_EQUIVALENTS) console.error(`  - ${row.oci}\n      -> ${row.local}`);
    const started = performance.now();
    const result = await rehearseDeploy({
      environment: env,
      settings: readStackSettings(stackDir(process.env)),
      workDir,
      suffix: isolate ? `_r${randomBytes(3).toString('hex')}` : '',
      assets,
      readings,
      historyRows: 2_000,
      flowTimeoutMs: 120_000,
      progress: (line) => console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`),
    });
    console.log(JSON.stringify(result));
  },
  { env: process.env },
);
