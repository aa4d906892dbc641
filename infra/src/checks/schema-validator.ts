import type { TerraformJson } from '../synthesize.js';

/** Terraform schema type as `terraform providers schema -json` prints it. */
export type SchemaType = string | readonly [string, unknown];

/** An attribute of a schema block. */
export interface SchemaAttribute {
  readonly type?: SchemaType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
}

/** A schema block: attributes and nested block types. */
export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, SchemaAttribute>>;
  readonly block_types?: Readonly<Record<string, SchemaNestedBlock>>;
}

/** A nested block type with its nesting mode and item limits. */
export interface SchemaNestedBlock {
  readonly nesting_mode: 'single' | 'list' | 'set' | 'map' | 'group';
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

/** The schema of one provider: its configuration block, resources and data sources. */
export interface ProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas: Readonly<Record<string, { readonly block: SchemaBlock }>>;
  readonly data_source_schemas: Readonly<Record<string, { readonly block: SchemaBlock }>>;
}

/** One mismatch between synthesized JSON and the provider schema. */
export interface SchemaProblem {
  readonly stack: string;
  /** `resource.<type>.<name>`, `data.<type>.<name>` or `provider.<name>`. */
  readonly address: string;
  /** Dotted path inside the block, e.g. `backup_policy.retention_in_days`. */
  readonly path: string;
  readonly message: string;
}

// Meta-arguments Terraform accepts on every resource / data source, plus cdktf's metadata key.
const META_KEYS = new Set([
  '//',
  'count',
  'for_each',
  'depends_on',
  'lifecycle',
  'provider',
  'provisioner',
  'connection',
]);
const PROVIDER_META_KEYS = new Set(['alias', 'version']);

// Built-in data source of the terraform provider that cdktf uses for cross-stack references.
const BUILTIN_DATA_SOURCES: Readonly<Record<string, SchemaBlock>> = {
  terraform_remote_state: {
    attributes: {
      backend: { type: 'string', required: true },
      config: { type: 'dynamic', optional: true },
      defaults: { type: 'dynamic', optional: true },
      workspace: { type: 'string', optional: true },
    },
  },
};

/** True for strings Terraform evaluates (references, functions): their type is only known at plan time. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${') && !/^\$\$\{/.test(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Problems of `value` against a Terraform type, as `path: message` pairs. */
function checkType(
  type: SchemaType | undefined,
  value: unknown,
  path: string,
  out: [string, string][],
): void {
  if (type === undefined || type === 'dynamic' || value === null || isExpression(value)) return;
  if (typeof type === 'string') {
    const ok =
      type === 'string'
        ? typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        : type === 'number'
          ? typeof value === 'number' ||
            (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
          : type === 'bool'
            ? typeof value === 'boolean' || value === 'true' || value === 'false'
            : true;
    if (!ok) out.push([path, `expected ${type}, got ${describe(value)}`]);
    return;
  }
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(value)) {
      out.push([path, `expected ${kind} of ${JSON.stringify(inner)}, got ${describe(value)}`]);
      return;
    }
    value.forEach((item, i) => checkType(inner as SchemaType, item, `${path}[${i}]`, out));
  } else if (kind === 'map') {
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.push([path, `expected map, got ${describe(value)}`]);
      return;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      checkType(inner as SchemaType, v, `${path}.${k}`, out);
  } else if (kind === 'object') {
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.push([path, `expected object, got ${describe(value)}`]);
      return;
    }
    const fields = inner as Record<string, SchemaType>;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!(k in fields)) out.push([`${path}.${k}`, 'unknown object attribute']);
      else checkType(fields[k], v, `${path}.${k}`, out);
    }
  }
}

/** Every problem of one block body against its schema block (unknown keys, missing required, wrong types). */
export function checkBlock(
  schema: SchemaBlock,
  body: unknown,
  path: string,
  meta: ReadonlySet<string>,
): [string, string][] {
  const out: [string, string][] = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    out.push([path || '(block)', `expected a block (object), got ${describe(body)}`]);
    return out;
  }
  const at = (key: string): string => (path === '' ? key : `${path}.${key}`);
  const record = body as Record<string, unknown>;
  const attributes = schema.attributes ?? {};
  const blocks = schema.block_types ?? {};
  for (const [key, value] of Object.entries(record)) {
    if (meta.has(key)) continue;
    const attribute = attributes[key];
    const nested = blocks[key];
    if (attribute) {
      if (!attribute.required && !attribute.optional)
        out.push([at(key), 'is computed by the provider and cannot be set']);
      else checkType(attribute.type, value, at(key), out);
    } else if (nested) {
      if (isExpression(value)) continue;
      const items =
        nested.nesting_mode === 'single' || nested.nesting_mode === 'group'
          ? [value]
          : Array.isArray(value)
            ? value
            : [value];
      if (nested.max_items !== undefined && items.length > nested.max_items) {
        out.push([at(key), `at most ${nested.max_items} block(s) allowed, got ${items.length}`]);
      }
      if (nested.min_items !== undefined && items.length < nested.min_items) {
        out.push([at(key), `at least ${nested.min_items} block(s) required, got ${items.length}`]);
      }
      items.forEach((item, i) => {
        out.push(
          ...checkBlock(nested.block, item, items.length > 1 ? `${at(key)}[${i}]` : at(key), new Set()),
        );
      });
    } else {
      out.push([at(key), 'unknown attribute or block']);
    }
  }
  for (const [key, attribute] of Object.entries(attributes)) {
    if (attribute.required && (record[key] === undefined || record[key] === null))
      out.push([at(key), 'required attribute is missing']);
  }
  for (const [key, nested] of Object.entries(blocks)) {
    if ((nested.min_items ?? 0) > 0 && record[key] === undefined)
      out.push([at(key), 'required block is missing']);
  }
  return out;
}

/**
 * Checks every resource, data source and provider block of one synthesized stack against the provider schema.
 * A type the schema lacks is a problem too (except terraform_remote_state, which is built into Terraform).
 */
export function validateAgainstSchema(
  stack: string,
  json: TerraformJson,
  schema: ProviderSchema,
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const push = (address: string, pairs: [string, string][]): void => {
    for (const [path, message] of pairs) problems.push({ stack, address, path, message });
  };
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    const s = schema.resource_schemas[type];
    for (const [name, body] of Object.entries(byName)) {
      const address = `resource.${type}.${name}`;
      if (!s) push(address, [['(type)', 'resource type is not in the provider schema']]);
      else push(address, checkBlock(s.block, body, '', META_KEYS));
    }
  }
  for (const [type, byName] of Object.entries(json.data ?? {})) {
    const block = schema.data_source_schemas[type]?.block ?? BUILTIN_DATA_SOURCES[type];
    for (const [name, body] of Object.entries(byName)) {
      const address = `data.${type}.${name}`;
      if (!block) push(address, [['(type)', 'data source type is not in the provider schema']]);
      else push(address, checkBlock(block, body, '', META_KEYS));
    }
  }
  for (const [name, configs] of Object.entries(json.provider ?? {})) {
    if (name !== 'oci') {
      push(`provider.${name}`, [['(type)', 'unexpected provider']]);
      continue;
    }
    for (const config of Array.isArray(configs) ? (configs as unknown[]) : [configs]) {
      push(`provider.${name}`, checkBlock(schema.provider.block, config, '', PROVIDER_META_KEYS));
    }
  }
  return problems;
}
