/**
 * `nx run infra:diff --stack=<name>` / `nx run infra:deploy --stack=<name>` / `nx run infra:destroy --stack=<name>`
 * (with ALLOW_INFRA_DESTROY=1; stacks in reverse deployment order): checks every prerequisite first and
 * stops with all problems named (no Terraform, no cdktf CLI, no OCI credentials, placeholders, missing secrets),
 * then synthesizes and hands the one stack to the cdktf CLI.
 */
import { defineCommand, defineGroup, runCli, UsageError } from '@lakehouse/cli';
import { createLogger } from '@lakehouse/runtime';
import { Type } from '@sinclair/typebox';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INFRA_FLAGS, loadInfraConfigFromProcess } from '../config.js';
import { stackId } from '../platform.js';
import { synthesizePlatform } from '../synthesize.js';
import { cdktfEnvironment, gatherDeployFacts } from './config.js';
import { cdktfArguments, preflightProblems } from './preflight.js';

const command = (name: 'diff' | 'deploy' | 'destroy', summary: string) =>
  defineCommand({
    name,
    summary,
    flags: {
      ...INFRA_FLAGS,
      'auto-approve': Type.Boolean({ default: false, description: 'no confirmation prompt (not for diff)' }),
    },
    build: ({ flags }) => ({ command: name, ...flags }),
  });

const DEPLOY_COMMAND = defineGroup({
  name: 'infra-deploy',
  invocation: 'cli.ts',
  summary: 'Checks every prerequisite of a stack, synthesizes it and hands it to the cdktf CLI.',
  subcommands: [
    command('diff', 'cdktf diff of one stack'),
    command('deploy', 'cdktf deploy of one stack'),
    command('destroy', 'cdktf destroy of one stack; needs ALLOW_INFRA_DESTROY=1'),
  ],
});

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '../..');

process.exitCode = await runCli(DEPLOY_COMMAND, process.argv.slice(2), (args) => {
  const { command } = args;
  const config = loadInfraConfigFromProcess(args);
  const log = createLogger({ name: 'infra-deploy', level: config.logLevel });
  const facts = gatherDeployFacts(
    projectDir,
    config.environment.ociConfigProfile ?? 'DEFAULT',
    config.environment.compartmentOcid,
    args['auto-approve'],
  );
  if (command === 'destroy' && !facts.isDestroyAllowed)
    throw new UsageError("destroy deletes the stack's resources: set ALLOW_INFRA_DESTROY=1 to confirm");
  const problems = preflightProblems(config.environment, config.stack, facts);
  if (problems.length > 0 || config.stack === undefined || facts.cdktfPath === undefined) {
    log.error(
      { environment: config.environmentName, stack: config.stack, problems },
      `${command} refused: ${problems.length} problem(s)`,
    );
    for (const p of problems) process.stderr.write(`  - ${p}\n`);
    return 1;
  }
  const id = stackId(config.environment, config.stack);
  synthesizePlatform(config.environment, join(projectDir, config.outDir));
  log.info({ stack: id, command }, 'synthesized; running the cdktf CLI');
  const result = spawnSync(facts.cdktfPath, cdktfArguments(command, id, facts.isAutoApprove), {
    cwd: projectDir,
    stdio: 'inherit',
    env: cdktfEnvironment(),
  });
  return result.status ?? 1;
});
