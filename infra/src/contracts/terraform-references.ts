import type { TerraformModel } from '../checks/terraform-model.js';

/** What a `${...}` inside a synthesized value points at, after following cdktf's cross-stack outputs. */
export interface TerraformLeaf {
  /** Stack that holds the block or variable. */
  readonly stackId: string;
  readonly kind: 'resource' | 'data' | 'var';
  /** Block type (`oci_vault_secret`), or the variable name for `var`. */
  readonly type: string;
  /** Block name; empty for `var`. */
  readonly name: string;
  /** Attribute path after the block, e.g. `id` or `kafka_settings[0].bootstrap_servers`; empty for `var`. */
  readonly attribute: string;
  /** The reference as written in the producing stack, e.g. `oci_vault_secret.mysql_app_secret.id`. */
  readonly expression: string;
}

const INTERPOLATION = /\$\{([^}]*)\}/g;
const REMOTE_OUTPUT =
  /^data\.terraform_remote_state\.cross-stack-reference-input-([A-Za-z0-9_-]+)\.outputs\.(.+)$/;
const BLOCK = /^(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_.[\]-]+)$/;
const VARIABLE = /^var\.([A-Za-z0-9_-]+)$/;

/**
 * The leaf a reference expression (the text inside `${...}`) in `stackId` stands for. Cross-stack references are
 * followed to the output of the producing stack; anything that is not a plain reference (a function call, an
 * expression) throws, so a value no contract test can give a placeholder for is noticed.
 */
export function referenceLeaf(model: TerraformModel, stackId: string, expression: string): TerraformLeaf {
  const remote = REMOTE_OUTPUT.exec(expression);
  if (remote?.[1] !== undefined && remote[2] !== undefined) {
    const output = model.stacks.get(remote[1])?.output?.[remote[2]];
    const inner = typeof output?.value === 'string' ? /^\$\{([^}]*)\}$/.exec(output.value)?.[1] : undefined;
    if (inner === undefined) throw new Error(`${stackId}: cannot follow ${expression}`);
    return referenceLeaf(model, remote[1], inner);
  }
  const variable = VARIABLE.exec(expression);
  if (variable?.[1] !== undefined) {
    return { stackId, kind: 'var', type: variable[1], name: '', attribute: '', expression };
  }
  const block = BLOCK.exec(expression);
  if (block?.[2] === undefined || block[3] === undefined || block[4] === undefined) {
    throw new Error(`${stackId}: ${expression} is not a plain reference`);
  }
  return {
    stackId,
    kind: block[1] === undefined ? 'resource' : 'data',
    type: block[2],
    name: block[3],
    attribute: block[4],
    expression,
  };
}

/** Every leaf a synthesized string value refers to. */
export function referencesIn(model: TerraformModel, stackId: string, value: string): TerraformLeaf[] {
  return [...value.matchAll(INTERPOLATION)].map((m) => referenceLeaf(model, stackId, m[1] ?? ''));
}

/**
 * A synthesized string with every `${...}` replaced by `valueOf(leaf)`: what Terraform would hand the workload
 * once the referenced resources exist (placeholders in tests, local equivalents in the rehearsal).
 */
export function substituteReferences(
  model: TerraformModel,
  stackId: string,
  value: string,
  valueOf: (leaf: TerraformLeaf) => string,
): string {
  return value.replace(INTERPOLATION, (_whole, expression: string) =>
    valueOf(referenceLeaf(model, stackId, expression)),
  );
}
