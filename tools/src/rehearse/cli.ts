/**
 * `npx nx run infra:rehearse`: the local rehearsal of a deploy. Synthesizes an environment (INFRA_ENV, default
 * poc) and starts its workloads on the local stack with the settings Terraform gives them, mapped to local
 * equivalents by one table (printed first), then checks that readings flow from the producer to the API.
 * Flags: --env poc|prod, --assets N, --readings N, --isolate (suffix schema, user and stream; tests use it).
 * Exit codes: 0 readings flowed, 1 failed, 2 bad usage.
 */
import { readStackSettings, stackDir, WORKSPACE_ROOT } from '@lakehouse/local-stack';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_EQUIVALENTS } from './local-equivalents.js';
import { rehearseDeploy } from './rehearse.js';

const USAGE = 'Usage: npx nx run infra:rehearse [-- --env poc|prod --assets N --readings N --isolate]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        env: { type: 'string', default: process.env['INFRA_ENV'] ?? 'poc' },
        assets: { type: 'string', default: '4' },
        readings: { type: 'string', default: '400' },
        isolate: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err: unknown) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const assets = Number(values.assets);
  const readings = Number(values.readings);
  const bad = [
    ...(values.env === 'poc' || values.env === 'prod'
      ? []
      : [`--env must be poc or prod (got ${values.env})`]),
    ...(Number.isInteger(assets) && assets >= 1 && assets <= 1000 ? [] : ['--assets must be 1..1000']),
    ...(Number.isInteger(readings) && readings >= 1 && readings <= 1_000_000
      ? []
      : ['--readings must be 1..1000000']),
  ];
  if (bad.length > 0) {
    process.stderr.write(`${bad.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  const run = `${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const workDir = join(WORKSPACE_ROOT, '.local', 'rehearsal', run);
  console.error('OCI-only values and their local equivalents (everything else as Terraform writes it):');
  for (const row of LOCAL_EQUIVALENTS) console.error(`  - ${row.oci}\n      -> ${row.local}`);
  const started = performance.now();
  const result = await rehearseDeploy({
    environment: values.env as 'poc' | 'prod',
    settings: readStackSettings(stackDir(process.env)),
    workDir,
    suffix: values.isolate ? `_r${randomBytes(3).toString('hex')}` : '',
    assets,
    readings,
    historyRows: 2_000,
    flowTimeoutMs: 120_000,
    progress: (line) => console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`),
  });
  console.log(JSON.stringify(result));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`rehearsal failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
