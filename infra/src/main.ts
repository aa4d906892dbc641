/**
 * `nx run infra:synth`: synthesizes the Terraform JSON of every stack (or of INFRA_STACK) of INFRA_ENV into
 * INFRA_OUT_DIR. Needs neither Terraform nor OCI credentials. Wiring only: the stacks are in src/stacks.
 */
import { defineCommand, runCli } from '@lakehouse/cli';
import { createLogger } from '@lakehouse/runtime';
import { INFRA_FLAGS, loadInfraConfigFromProcess } from './config.js';
import { synthesizePlatform } from './synthesize.js';

const SYNTH_COMMAND = defineCommand({
  name: 'synth',
  invocation: 'nx run infra:synth --',
  summary: 'Synthesizes the Terraform JSON of every stack (or of one) of an environment into INFRA_OUT_DIR.',
  flags: INFRA_FLAGS,
  build: ({ flags }) => flags,
});

process.exitCode = await runCli(SYNTH_COMMAND, process.argv.slice(2), (flags) => {
  const startedAt = performance.now();
  const config = loadInfraConfigFromProcess(flags);
  const log = createLogger({ name: 'infra', level: config.logLevel });
  try {
    log.info(
      { environment: config.environmentName, stack: config.stack ?? 'all', outDir: config.outDir },
      'synth started',
    );
    const stacks = synthesizePlatform(config.environment, config.outDir, config.stack);
    for (const s of stacks) {
      log.info(
        { stack: s.id, resources: s.resourceCount, dataSources: s.dataSourceCount, file: s.file },
        'stack synthesized',
      );
    }
    log.info(
      { stacks: stacks.length, durationMs: Math.round(performance.now() - startedAt) },
      'synth finished',
    );
  } catch (err: unknown) {
    log.fatal({ err }, 'synth failed');
    return 1;
  }
  return 0;
});
