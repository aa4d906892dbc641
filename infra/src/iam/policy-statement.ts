import { KNOWN_RESOURCE_TYPES, VERBS, type Verb } from './iam-vocabulary.js';

/** Who a statement grants to. */
export type PolicySubject =
  | { readonly kind: 'group'; readonly name: string }
  | { readonly kind: 'dynamic-group'; readonly name: string }
  | { readonly kind: 'service'; readonly names: readonly string[] }
  | { readonly kind: 'any-user' };

/** What a statement grants: a verb on a resource type, or a list of individual permissions. */
export type PolicyGrant =
  | { readonly kind: 'verb'; readonly verb: Verb; readonly resourceType: string }
  | { readonly kind: 'permissions'; readonly permissions: readonly string[] };

/** One `variable = 'value'` test of a `where` clause. */
export interface ConditionClause {
  readonly variable: string;
  readonly value: string;
}

/** A `where` clause: one test is written as `all` of one. */
export interface PolicyCondition {
  readonly mode: 'all' | 'any';
  readonly clauses: readonly ConditionClause[];
}

/** A parsed policy statement. */
export interface PolicyStatement {
  readonly text: string;
  readonly subject: PolicySubject;
  readonly grant: PolicyGrant;
  /** The OCID after `in compartment id`: the only location form this platform writes. */
  readonly compartmentId: string;
  readonly condition?: PolicyCondition;
}

/** Thrown for a statement outside the subset this platform writes. */
export class PolicyStatementError extends Error {
  override readonly name = 'PolicyStatementError';
}

// Names of groups, dynamic groups and services; values may hold Terraform interpolations (`${...}`) but no quote.
const NAME = '[A-Za-z0-9][A-Za-z0-9._-]*';
const STATEMENT = new RegExp(
  `^allow\\s+(group\\s+${NAME}|dynamic-group\\s+${NAME}|service\\s+${NAME}(?:\\s*,\\s*${NAME})*|any-user)` +
    `\\s+to\\s+(\\{[^}]*\\}|[a-z]+\\s+[a-z0-9-]+)` +
    `\\s+in\\s+compartment\\s+id\\s+(\\S+)` +
    `(?:\\s+where\\s+(.+))?$`,
  'is',
);
const CLAUSE = /^([a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+)\s*=\s*'([^']*)'$/;
const PERMISSION = /^[A-Z][A-Z0-9_]*$/;

function parseSubject(text: string): PolicySubject {
  const [keyword = '', ...rest] = text.split(/\s+/);
  const name = rest.join(' ');
  switch (keyword.toLowerCase()) {
    case 'group':
      return { kind: 'group', name };
    case 'dynamic-group':
      return { kind: 'dynamic-group', name };
    case 'service':
      return { kind: 'service', names: name.split(/\s*,\s*/) };
    default:
      return { kind: 'any-user' };
  }
}

function parseGrant(text: string, statement: string): PolicyGrant {
  if (text.startsWith('{')) {
    const permissions = text
      .slice(1, -1)
      .split(',')
      .map((p) => p.trim());
    const bad = permissions.filter((p) => !PERMISSION.test(p));
    if (bad.length > 0 || permissions.length === 0)
      throw new PolicyStatementError(`bad permission list ${text} in: ${statement}`);
    return { kind: 'permissions', permissions };
  }
  const [verb = '', resourceType = ''] = text.toLowerCase().split(/\s+/);
  if (!(VERBS as readonly string[]).includes(verb))
    throw new PolicyStatementError(`unknown verb ${verb} in: ${statement}`);
  if (!KNOWN_RESOURCE_TYPES.has(resourceType))
    throw new PolicyStatementError(`unknown resource type ${resourceType} in: ${statement}`);
  return { kind: 'verb', verb: verb as Verb, resourceType };
}

function parseCondition(text: string, statement: string): PolicyCondition {
  const grouped = /^(all|any)\s*\{(.*)\}$/is.exec(text.trim());
  const mode = (grouped?.[1]?.toLowerCase() ?? 'all') as 'all' | 'any';
  const body = grouped ? (grouped[2] ?? '') : text;
  // Commas only separate clauses: values never contain one (OCIDs, names and `${...}` references do not).
  const clauses = body.split(',').map((part) => {
    const m = CLAUSE.exec(part.trim());
    if (!m) throw new PolicyStatementError(`cannot parse condition "${part.trim()}" in: ${statement}`);
    return { variable: m[1] ?? '', value: m[2] ?? '' };
  });
  return { mode, clauses };
}

/**
 * Parses one statement of the form this platform writes:
 * `Allow <group|dynamic-group|service|any-user> to <verb resource-type | {PERMISSION, ...}> in compartment id <ocid>
 * [where <var> = '<value>' | where all|any {<var> = '<value>', ...}]`. Anything else (tenancy scope, compartment names,
 * unknown verbs or resource types, `!=`, patterns, nested groups) throws {@link PolicyStatementError}.
 */
export function parsePolicyStatement(text: string): PolicyStatement {
  const m = STATEMENT.exec(text.trim());
  if (!m) throw new PolicyStatementError(`cannot parse statement: ${text}`);
  const [, subject = '', grant = '', compartmentId = '', where] = m;
  return {
    text,
    subject: parseSubject(subject),
    grant: parseGrant(grant, text),
    compartmentId,
    ...(where === undefined ? {} : { condition: parseCondition(where, text) }),
  };
}

/** The dynamic group a statement grants to, if any. */
export function dynamicGroupOf(statement: PolicyStatement): string | undefined {
  return statement.subject.kind === 'dynamic-group' ? statement.subject.name : undefined;
}
