import { PROTOCOL_TCP, SECURE_DEFAULTS } from '../constructs/secure-defaults.js';
import type { EnvironmentConfig } from '../environments/environment-config.js';
import { checkIam, statementTexts, type IamRule } from '../iam/check-iam.js';
import { parsePolicyStatement, PolicyStatementError } from '../iam/policy-statement.js';
import type { ProviderSchema } from './schema-validator.js';
import { addressOf, firstOf, listOf, type TerraformBlock, type TerraformModel } from './terraform-model.js';

/** One broken security rule: which rule, which block, and why. */
export interface PolicyViolation {
  readonly rule: PolicyRule;
  readonly address: string;
  readonly message: string;
}

/** The security rules checked over the synthesized JSON of a whole environment. */
export type PolicyRule =
  | 'private-workloads'
  | 'internet-ingress'
  | 'bucket-protection'
  | 'no-secret-values'
  | 'iam-compartment-scope'
  | 'iam-statement-form'
  | IamRule
  | 'database-tls';

function isPrivateSubnet(subnet: TerraformBlock | undefined): boolean {
  return (
    subnet?.type === 'oci_core_subnet' &&
    subnet.body['prohibit_public_ip_on_vnic'] === true &&
    subnet.body['prohibit_internet_ingress'] === true
  );
}

/** No database, stream, function, container, Data Flow endpoint or OAC instance reachable from the internet. */
export function checkPrivateWorkloads(model: TerraformModel): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  const fail = (block: TerraformBlock, message: string): void => {
    out.push({ rule: 'private-workloads', address: addressOf(block), message });
  };
  const requirePrivate = (block: TerraformBlock, subnetRef: unknown, what: string): void => {
    const subnet = model.resolve(block.stackId, subnetRef);
    if (!subnet) fail(block, `${what} does not reference a subnet of this platform`);
    else if (!isPrivateSubnet(subnet)) fail(block, `${what} ${addressOf(subnet)} is not a private subnet`);
  };
  for (const db of model.resources('oci_mysql_mysql_db_system'))
    requirePrivate(db, db.body['subnet_id'], 'subnet');
  for (const pool of model.resources('oci_streaming_stream_pool')) {
    const pe = firstOf(pool.body['private_endpoint_settings']);
    if (!pe) fail(pool, 'stream pool has no private endpoint (its public endpoint would be used)');
    else requirePrivate(pool, pe['subnet_id'], 'private endpoint subnet');
  }
  for (const stream of model.resources('oci_streaming_stream')) {
    const pool = model.resolve(stream.stackId, stream.body['stream_pool_id']);
    if (pool?.type !== 'oci_streaming_stream_pool')
      fail(stream, 'stream is not in a stream pool of this platform');
  }
  for (const app of model.resources('oci_functions_application')) {
    const subnets = app.body['subnet_ids'];
    if (!Array.isArray(subnets) || subnets.length === 0) fail(app, 'functions application has no subnet');
    else for (const s of subnets) requirePrivate(app, s, 'subnet');
  }
  for (const ci of model.resources('oci_container_instances_container_instance')) {
    for (const vnic of listOf(ci.body['vnics'])) {
      if (vnic['is_public_ip_assigned'] !== false) fail(ci, 'VNIC must set is_public_ip_assigned = false');
      requirePrivate(ci, vnic['subnet_id'], 'VNIC subnet');
    }
  }
  for (const pe of model.resources('oci_dataflow_private_endpoint'))
    requirePrivate(pe, pe.body['subnet_id'], 'subnet');
  for (const oac of model.resources('oci_analytics_analytics_instance')) {
    const endpoint = firstOf(oac.body['network_endpoint_details']);
    if (endpoint?.['network_endpoint_type'] !== 'PRIVATE')
      fail(oac, 'analytics instance must use a PRIVATE network endpoint');
    else requirePrivate(oac, endpoint['subnet_id'], 'subnet');
  }
  // The gateway may only forward to HTTP backends inside the VCN, never expose a function directly.
  for (const deployment of model.resources('oci_apigateway_deployment')) {
    for (const route of listOf(firstOf(deployment.body['specification'])?.['routes'])) {
      const backend = firstOf(route['backend']);
      if (backend?.['type'] === 'ORACLE_FUNCTIONS_BACKEND')
        fail(deployment, `route ${String(route['path'])} exposes a function`);
    }
  }
  return out;
}

function portRange(options: Record<string, unknown> | undefined): [number, number] | undefined {
  if (!options) return undefined;
  const range = firstOf(options['destination_port_range']) ?? options;
  const min = Number(range['min']);
  const max = Number(range['max']);
  return Number.isFinite(min) && Number.isFinite(max) ? [min, max] : undefined;
}

/**
 * No ingress from 0.0.0.0/0 except TCP 443, and that only on the NSG of the API gateway and on the security list of
 * the subnet that holds nothing but the gateway.
 */
export function checkInternetIngress(model: TerraformModel): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  const anywhere = SECURE_DEFAULTS.anywhereCidr;
  const https = SECURE_DEFAULTS.publicIngressPort;
  const isHttpsOnly = (protocol: unknown, options: Record<string, unknown> | undefined): boolean => {
    const range = portRange(options);
    return protocol === PROTOCOL_TCP && range !== undefined && range[0] === https && range[1] === https;
  };
  const gateways = model.resources('oci_apigateway_gateway');
  const gatewayNsgs = new Set(
    gateways
      .flatMap((g): unknown[] =>
        Array.isArray(g.body['network_security_group_ids']) ? g.body['network_security_group_ids'] : [],
      )
      .map((ref) => model.resolve(gateways[0]?.stackId ?? '', ref))
      .filter((b): b is TerraformBlock => b !== undefined)
      .map(addressOf),
  );
  const gatewaySubnets = new Set(
    gateways
      .map((g) => model.resolve(g.stackId, g.body['subnet_id']))
      .filter((b): b is TerraformBlock => b !== undefined)
      .map(addressOf),
  );

  for (const rule of model.resources('oci_core_network_security_group_security_rule')) {
    if (rule.body['direction'] !== 'INGRESS' || rule.body['source'] !== anywhere) continue;
    const nsg = model.resolve(rule.stackId, rule.body['network_security_group_id']);
    if (!isHttpsOnly(rule.body['protocol'], firstOf(rule.body['tcp_options']))) {
      out.push({
        rule: 'internet-ingress',
        address: addressOf(rule),
        message: `ingress from ${anywhere} other than TCP ${https}`,
      });
    } else if (!nsg || !gatewayNsgs.has(addressOf(nsg))) {
      out.push({
        rule: 'internet-ingress',
        address: addressOf(rule),
        message: `${https} from ${anywhere} on an NSG that is not the API gateway's`,
      });
    }
  }
  // Which subnets carry each security list, and who else lives in those subnets.
  const subnets = model.resources('oci_core_subnet');
  const subnetUsers = new Map<string, string[]>();
  for (const block of model.blocks) {
    if (block.type === 'oci_core_subnet') continue;
    for (const ref of collectStrings(block.body)) {
      const target = model.resolve(block.stackId, ref);
      if (target?.type === 'oci_core_subnet')
        subnetUsers.set(addressOf(target), [...(subnetUsers.get(addressOf(target)) ?? []), addressOf(block)]);
    }
  }
  for (const list of model.resources('oci_core_security_list')) {
    for (const ingress of listOf(list.body['ingress_security_rules'])) {
      if (ingress['source'] !== anywhere) continue;
      if (!isHttpsOnly(ingress['protocol'], firstOf(ingress['tcp_options']))) {
        out.push({
          rule: 'internet-ingress',
          address: addressOf(list),
          message: `ingress from ${anywhere} other than TCP ${https}`,
        });
        continue;
      }
      const carriers = subnets.filter((s) =>
        (Array.isArray(s.body['security_list_ids']) ? s.body['security_list_ids'] : []).some(
          (ref) => model.resolve(s.stackId, ref) === list,
        ),
      );
      for (const subnet of carriers) {
        const others = (subnetUsers.get(addressOf(subnet)) ?? []).filter(
          (user) => !gateways.some((g) => addressOf(g) === user),
        );
        if (!gatewaySubnets.has(addressOf(subnet)) || others.length > 0) {
          out.push({
            rule: 'internet-ingress',
            address: addressOf(list),
            message: `internet-facing subnet ${addressOf(subnet)} also holds ${others.join(', ') || 'no API gateway'}`,
          });
        }
      }
    }
  }
  return out;
}

function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(collectStrings);
  return [];
}

/** Every bucket private, versioned and encrypted with a key from our Vault. */
export function checkBuckets(model: TerraformModel): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  for (const bucket of model.resources('oci_objectstorage_bucket')) {
    const fail = (message: string): void => {
      out.push({ rule: 'bucket-protection', address: addressOf(bucket), message });
    };
    if (bucket.body['access_type'] !== SECURE_DEFAULTS.bucketAccessType)
      fail(`access_type must be ${SECURE_DEFAULTS.bucketAccessType}`);
    if (bucket.body['versioning'] !== SECURE_DEFAULTS.bucketVersioning)
      fail(`versioning must be ${SECURE_DEFAULTS.bucketVersioning}`);
    const key = model.resolve(bucket.stackId, bucket.body['kms_key_id']);
    if (key?.type !== 'oci_kms_key')
      fail('kms_key_id must reference a Vault key (oci_kms_key) of this platform');
  }
  return out;
}

/**
 * No secret value anywhere in the configuration: schema-sensitive attributes are set only from sensitive variables
 * without defaults, Vault secrets are generated by Vault or, for values Vault cannot generate (an OCI auth token),
 * take their content from such a variable (`base64encode(var.x)`), and no output exposes a variable or a sensitive
 * attribute.
 */
export function checkNoSecretValues(model: TerraformModel, schema: ProviderSchema): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  for (const block of model.blocks) {
    if (block.kind !== 'resource') continue;
    const attributes = schema.resource_schemas[block.type]?.block.attributes ?? {};
    for (const [key, attribute] of Object.entries(attributes)) {
      const value = block.body[key];
      if (!attribute.sensitive || value === undefined) continue;
      const variable =
        typeof value === 'string' ? /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(value)?.[1] : undefined;
      const declared =
        variable === undefined ? undefined : model.stacks.get(block.stackId)?.variable?.[variable];
      if (!declared) {
        out.push({
          rule: 'no-secret-values',
          address: addressOf(block),
          message: `${key} is sensitive and must come from a sensitive variable`,
        });
      } else if (declared['sensitive'] !== true || declared['default'] !== undefined) {
        out.push({
          rule: 'no-secret-values',
          address: addressOf(block),
          message: `variable ${variable} must be sensitive and have no default`,
        });
      }
    }
    const secretContent = firstOf(block.body['secret_content']);
    if (block.type === 'oci_vault_secret' && secretContent !== undefined) {
      const content = secretContent['content'];
      const variable =
        typeof content === 'string'
          ? /^\$\{base64encode\(var\.([A-Za-z0-9_-]+)\)\}$/.exec(content)?.[1]
          : undefined;
      const declared =
        variable === undefined ? undefined : model.stacks.get(block.stackId)?.variable?.[variable];
      if (declared?.['sensitive'] !== true || declared['default'] !== undefined) {
        out.push({
          rule: 'no-secret-values',
          address: addressOf(block),
          message:
            'secret_content puts the value in code; let Vault generate it, or take it from a sensitive variable without default',
        });
      }
    }
  }
  const sensitiveNames = new Set(
    Object.values(schema.resource_schemas).flatMap((r) =>
      Object.entries(r.block.attributes ?? {})
        .filter(([, a]) => a.sensitive)
        .map(([n]) => n),
    ),
  );
  for (const [stackId, json] of model.stacks) {
    for (const [name, output] of Object.entries(json.output ?? {})) {
      for (const text of collectStrings(output.value)) {
        const leaks =
          /\$\{[^}]*\bvar\./.test(text) ||
          [...sensitiveNames].some((n) => new RegExp(`\\.${n}\\b`).test(text));
        if (leaks)
          out.push({
            rule: 'no-secret-values',
            address: `${stackId}:output.${name}`,
            message: `output exposes a secret (${text})`,
          });
      }
    }
  }
  return out;
}

/**
 * Every IAM statement is scoped to the environment's compartment and has the one form src/iam/policy-statement.ts
 * parses (so that the IAM table checks can read it), and dynamic groups are limited to the compartment too.
 */
export function checkIamScope(model: TerraformModel, env: EnvironmentConfig): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  const scope = `in compartment id ${env.compartmentOcid}`;
  for (const policy of model.resources('oci_identity_policy')) {
    if (policy.body['compartment_id'] !== env.compartmentOcid) {
      out.push({
        rule: 'iam-compartment-scope',
        address: addressOf(policy),
        message: 'policy must be attached to the environment compartment',
      });
    }
    statementTexts(policy).forEach((text, i) => {
      const address = `${addressOf(policy)}.statements[${i}]`;
      if (!text.includes(scope) || /\bin tenancy\b/i.test(text)) {
        out.push({
          rule: 'iam-compartment-scope',
          address,
          message: `not scoped to the compartment: ${text}`,
        });
        return;
      }
      try {
        parsePolicyStatement(text);
      } catch (err: unknown) {
        if (!(err instanceof PolicyStatementError)) throw err;
        out.push({ rule: 'iam-statement-form', address, message: err.message });
      }
    });
  }
  for (const group of model.resources('oci_identity_dynamic_group')) {
    if (!String(group.body['matching_rule']).includes(`resource.compartment.id = '${env.compartmentOcid}'`)) {
      out.push({
        rule: 'iam-compartment-scope',
        address: addressOf(group),
        message: 'matching rule must be limited to the compartment',
      });
    }
  }
  return out;
}

/** The DB system uses TLS certificates and a configuration whose plan-time check requires secure transport. */
export function checkDatabaseTls(model: TerraformModel): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  for (const db of model.resources('oci_mysql_mysql_db_system')) {
    const fail = (message: string): void => {
      out.push({ rule: 'database-tls', address: addressOf(db), message });
    };
    const secure = firstOf(db.body['secure_connections']);
    if (!secure?.['certificate_generation_type'])
      fail('secure_connections.certificate_generation_type must be set');
    // configuration_id picks an element of the data source's `configurations` (filtered by name): find that source.
    const source =
      /^\$\{element\(\[for c in (data\.[a-z_]+\.[a-z_]+)\.configurations : c\.id( if [^\]]+)?\], 0\)\}$/.exec(
        String(db.body['configuration_id']),
      );
    const configuration =
      source?.[1] === undefined ? undefined : model.resolve(db.stackId, `\${${source[1]}}`);
    if (configuration?.type !== 'oci_mysql_mysql_configurations') {
      fail('configuration_id must come from the checked oci_mysql_mysql_configurations data source');
      continue;
    }
    const conditions = listOf(firstOf(configuration.body['lifecycle'])?.['postcondition']);
    if (!conditions.some((c) => /require_secure_transport\s*==\s*true/.test(String(c['condition'])))) {
      fail(`${addressOf(configuration)} must fail the plan unless require_secure_transport is ON`);
    }
  }
  for (const block of model.blocks) {
    for (const settings of [
      block.body['config'],
      firstOf(listOf(block.body['containers'])[0])?.['environment_variables'],
    ]) {
      const tls = (settings as Record<string, unknown> | undefined)?.['MYSQL_TLS_MODE'];
      if (tls !== undefined && tls !== 'verify-identity' && tls !== 'verify-ca') {
        out.push({
          rule: 'database-tls',
          address: addressOf(block),
          message: `MYSQL_TLS_MODE ${String(tls)} does not verify the server`,
        });
      }
    }
  }
  return out;
}

/** Every policy rule over one environment. */
export function checkPolicies(
  model: TerraformModel,
  env: EnvironmentConfig,
  schema: ProviderSchema,
): PolicyViolation[] {
  return [
    ...checkPrivateWorkloads(model),
    ...checkInternetIngress(model),
    ...checkBuckets(model),
    ...checkNoSecretValues(model, schema),
    ...checkIamScope(model, env),
    ...checkIam(model, env),
    ...checkDatabaseTls(model),
  ];
}
