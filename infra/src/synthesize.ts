import { App } from 'cdktf';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentConfig } from './environments/environment-config.js';
import { addPlatform, STACK_NAMES, stackId, type StackName } from './platform.js';

/** What one synthesized stack contains, for progress output. */
export interface SynthesizedStack {
  readonly name: StackName;
  readonly id: string;
  /** Path of the stack's Terraform JSON. */
  readonly file: string;
  readonly resourceCount: number;
  readonly dataSourceCount: number;
}

/** Terraform JSON as cdktf writes it (the parts the checks read). */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown; sensitive?: boolean }>;
  readonly variable?: Record<string, Record<string, unknown>>;
  readonly terraform?: Record<string, unknown>;
  readonly provider?: Record<string, unknown>;
}

function countBlocks(blocks: TerraformJson['resource']): number {
  return Object.values(blocks ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

/**
 * Synthesizes the environment's stacks into `outDir/stacks/<env>-<stack>/cdk.tf.json` (cdktf layout, which the
 * cdktf CLI deploys with --skip-synth). With `only`, every stack is still built, because cross-stack wiring
 * creates outputs in the producing stacks, but only that stack is written.
 */
export function synthesizePlatform(
  environment: EnvironmentConfig,
  outDir: string,
  only?: StackName,
): SynthesizedStack[] {
  mkdirSync(outDir, { recursive: true });
  const app = new App({ outdir: outDir, skipValidation: false });
  const platform = addPlatform(app, environment);
  const names = only === undefined ? STACK_NAMES : [only];
  if (only === undefined) {
    app.synth();
  } else {
    const session = { outdir: outDir, skipValidation: false, manifest: app.manifest };
    for (const name of STACK_NAMES) platform[name].prepareStack();
    platform[only].synthesizer.synthesize(session);
    app.manifest.writeToFile();
  }
  return names.map((name) => {
    const id = stackId(environment, name);
    const file = join(outDir, 'stacks', id, 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as TerraformJson;
    return {
      name,
      id,
      file,
      resourceCount: countBlocks(json.resource),
      dataSourceCount: countBlocks(json.data),
    };
  });
}

/** Reads the synthesized Terraform JSON of every stack of `environment` from `outDir`. */
export function readSynthesized(
  environment: EnvironmentConfig,
  outDir: string,
): Record<StackName, TerraformJson> {
  return Object.fromEntries(
    STACK_NAMES.map((name) => [
      name,
      JSON.parse(
        readFileSync(join(outDir, 'stacks', stackId(environment, name), 'cdk.tf.json'), 'utf8'),
      ) as TerraformJson,
    ]),
  ) as Record<StackName, TerraformJson>;
}
