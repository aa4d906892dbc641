/**
 * `nx run infra:diff --stack=<name>` / `nx run infra:deploy --stack=<name>` / `nx run infra:destroy --stack=<name>`
 * (with ALLOW_INFRA_DESTROY=1; stacks in reverse deployment order): checks every prerequisite first and
 * stops with all problems named (no Terraform, no cdktf CLI, no OCI credentials, placeholders, missing secrets),
 * then synthesizes and hands the one stack to the cdktf CLI.
 */
import { createLogger } from '@lakehouse/runtime';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadInfraConfigFromProcess } from '../config.js';
import { stackId } from '../platform.js';
import { synthesizePlatform } from '../synthesize.js';
import { cdktfEnvironment, gatherDeployFacts } from './config.js';
import { cdktfArguments, preflightProblems } from './preflight.js';

const [command, ...rest] = process.argv.slice(2);
const config = loadInfraConfigFromProcess(rest);
const log = createLogger({ name: 'infra-deploy', level: config.logLevel });
const projectDir = join(dirname(fileURLToPath(import.meta.url)), '../..');

if (command !== 'diff' && command !== 'deploy' && command !== 'destroy') {
  log.error(
    { command },
    'usage: cli.ts diff|deploy|destroy --stack=<name> [--env=poc|prod] [--auto-approve]',
  );
  process.exit(2);
}
const facts = gatherDeployFacts(
  projectDir,
  config.environment.ociConfigProfile ?? 'DEFAULT',
  config.environment.compartmentOcid,
  rest,
);
if (command === 'destroy' && !facts.isDestroyAllowed) {
  log.error(
    { stack: config.stack },
    "destroy deletes the stack's resources: set ALLOW_INFRA_DESTROY=1 to confirm",
  );
  process.exit(2);
}
const problems = preflightProblems(config.environment, config.stack, facts);
if (problems.length > 0 || config.stack === undefined || facts.cdktfPath === undefined) {
  log.error(
    { environment: config.environmentName, stack: config.stack, problems },
    `${command} refused: ${problems.length} problem(s)`,
  );
  for (const p of problems) process.stderr.write(`  - ${p}\n`);
  process.exit(1);
}
const id = stackId(config.environment, config.stack);
synthesizePlatform(config.environment, join(projectDir, config.outDir));
log.info({ stack: id, command }, 'synthesized; running the cdktf CLI');
const result = spawnSync(facts.cdktfPath, cdktfArguments(command, id, facts.isAutoApprove), {
  cwd: projectDir,
  stdio: 'inherit',
  env: cdktfEnvironment(),
});
process.exit(result.status ?? 1);
