import type { TerraformJson } from '../synthesize.js';

/** One resource or data source block of a synthesized stack. */
export interface TerraformBlock {
  readonly stackId: string;
  readonly kind: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Terraform address of a block: `<stack>:<type>.<name>` or `<stack>:data.<type>.<name>`. */
export function addressOf(block: TerraformBlock): string {
  return `${block.stackId}:${block.kind === 'data' ? 'data.' : ''}${block.type}.${block.name}`;
}

const REMOTE_STATE_PREFIX = 'cross-stack-reference-input-';
const REFERENCE =
  /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?(?:\.([A-Za-z0-9_-]+))?\}$/;

/**
 * Every stack of a synthesized app, with lookups by address and a resolver for references, including cdktf's
 * cross-stack references (an output of the producing stack read through terraform_remote_state).
 */
export class TerraformModel {
  readonly stacks: ReadonlyMap<string, TerraformJson>;
  readonly blocks: readonly TerraformBlock[];

  constructor(stacks: Readonly<Record<string, TerraformJson>>) {
    this.stacks = new Map(Object.entries(stacks));
    const blocks: TerraformBlock[] = [];
    for (const [stackId, json] of this.stacks) {
      for (const [kind, section] of [
        ['resource', json.resource],
        ['data', json.data],
      ] as const) {
        for (const [type, byName] of Object.entries(section ?? {})) {
          for (const [name, body] of Object.entries(byName)) blocks.push({ stackId, kind, type, name, body });
        }
      }
    }
    this.blocks = blocks;
  }

  /** Resource blocks of one type across every stack. */
  resources(type: string): TerraformBlock[] {
    return this.blocks.filter((b) => b.kind === 'resource' && b.type === type);
  }

  /** Data source blocks of one type across every stack. */
  dataSources(type: string): TerraformBlock[] {
    return this.blocks.filter((b) => b.kind === 'data' && b.type === type);
  }

  /**
   * The block a value written in `stackId` refers to, following cross-stack outputs; undefined for literals and
   * for expressions that are not a plain reference.
   */
  resolve(stackId: string, value: unknown): TerraformBlock | undefined {
    if (typeof value !== 'string') return undefined;
    const m = REFERENCE.exec(value);
    if (!m) return undefined;
    const [, dataPrefix, type, name, attribute, outputName] = m;
    if (dataPrefix && type === 'terraform_remote_state' && name?.startsWith(REMOTE_STATE_PREFIX)) {
      const producer = name.slice(REMOTE_STATE_PREFIX.length);
      if (attribute !== 'outputs' || outputName === undefined) return undefined;
      const output = this.stacks.get(producer)?.output?.[outputName];
      return output === undefined ? undefined : this.resolve(producer, output.value);
    }
    const kind = dataPrefix ? 'data' : 'resource';
    return this.blocks.find(
      (b) => b.stackId === stackId && b.kind === kind && b.type === type && b.name === name,
    );
  }
}

/** The first element of a block value: cdktf writes single nested blocks as an object or a one-element array. */
export function firstOf(value: unknown): Record<string, unknown> | undefined {
  const item = Array.isArray(value) ? (value as unknown[])[0] : value;
  return item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : undefined;
}

/** Every element of a block value as a list. */
export function listOf(value: unknown): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object');
}
