import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformModel } from '../checks/terraform-model.js';
import type { EnvironmentConfig } from '../environments/environment-config.js';
import { STACK_NAMES, stackId, type StackName } from '../platform.js';
import { readSynthesized, synthesizePlatform, type TerraformJson } from '../synthesize.js';

/** A synthesized environment for tests: the JSON per stack, keyed by concern and by stack id, and its model. */
export interface SynthesizedEnvironment {
  readonly byName: Record<StackName, TerraformJson>;
  readonly model: TerraformModel;
}

/** Synthesizes every stack of `env` into a throwaway folder and reads the JSON back. */
export function synthEnvironment(env: EnvironmentConfig): SynthesizedEnvironment {
  const dir = mkdtempSync(join(tmpdir(), 'infra-synth-'));
  try {
    synthesizePlatform(env, dir);
    const byName = readSynthesized(env, dir);
    const byId = Object.fromEntries(STACK_NAMES.map((n) => [stackId(env, n), byName[n]]));
    return { byName, model: new TerraformModel(byId) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bodies of every block of one type in one synthesized stack. */
export function blocksOf(
  json: TerraformJson,
  type: string,
  kind: 'resource' | 'data' = 'resource',
): Record<string, Record<string, unknown>> {
  return (kind === 'resource' ? json.resource : json.data)?.[type] ?? {};
}

/** The only block of one type in a stack; throws when there is not exactly one. */
export function onlyBlockOf(
  json: TerraformJson,
  type: string,
  kind: 'resource' | 'data' = 'resource',
): Record<string, unknown> {
  const [first, ...others] = Object.values(blocksOf(json, type, kind));
  if (first === undefined || others.length > 0)
    throw new Error(`expected one ${type}, found ${others.length + (first ? 1 : 0)}`);
  return first;
}
