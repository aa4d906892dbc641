import { addressOf, type TerraformBlock, type TerraformModel } from '../checks/terraform-model.js';
import type { EnvironmentConfig } from '../environments/environment-config.js';
import { resourceTypeCovers, verbRank } from './iam-vocabulary.js';
import {
  parsePolicyStatement,
  PolicyStatementError,
  type ConditionClause,
  type PolicyStatement,
} from './policy-statement.js';
import {
  requiredPermissions,
  type ConditionValue,
  type RequestFact,
  type RequiredPermission,
} from './required-permissions.js';

/** The IAM rules checked against the table of required permissions. */
export type IamRule = 'iam-required-permissions' | 'iam-least-privilege' | 'iam-dynamic-group-dependency';

/** One broken IAM rule: which rule, which statement or row, and why. */
export interface IamViolation {
  readonly rule: IamRule;
  readonly address: string;
  readonly message: string;
}

/** A statement of a synthesized policy, where it is and what it says. */
export interface FoundStatement {
  readonly policy: TerraformBlock;
  readonly index: number;
  readonly statement: PolicyStatement;
  readonly address: string;
}

/** Every statement text of a policy block. */
export function statementTexts(policy: TerraformBlock): string[] {
  const statements = policy.body['statements'];
  return Array.isArray(statements) ? statements.map(String) : [];
}

/**
 * Parses every statement of every policy. Statements that do not parse are left out here: checkIamScope reports
 * them, with the parser's message.
 */
export function policyStatements(model: TerraformModel): FoundStatement[] {
  return model.resources('oci_identity_policy').flatMap((policy) =>
    statementTexts(policy).flatMap((text, index) => {
      try {
        const statement = parsePolicyStatement(text);
        return [{ policy, index, statement, address: `${addressOf(policy)}.statements[${index}]` }];
      } catch (err: unknown) {
        if (err instanceof PolicyStatementError) return [];
        throw err;
      }
    }),
  );
}

function subjectMatches(statement: PolicyStatement, row: RequiredPermission): boolean {
  const { subject } = statement;
  const { who } = row;
  switch (subject.kind) {
    case 'group':
    case 'dynamic-group':
      return who.kind === subject.kind && who.name === subject.name;
    case 'service':
      return who.kind === 'service' && subject.names.includes(who.name);
    case 'any-user':
      return who.kind === 'any-user';
  }
}

function grantCovers(statement: PolicyStatement, row: RequiredPermission): boolean {
  const { grant } = statement;
  const need = row.permission;
  if (grant.kind === 'verb' && need.kind === 'verb')
    return (
      resourceTypeCovers(grant.resourceType, need.resourceType) && verbRank(grant.verb) >= verbRank(need.verb)
    );
  if (grant.kind === 'permissions' && need.kind === 'permissions')
    return need.permissions.every((p) => grant.permissions.includes(p));
  // Mapping permissions to verbs would need every service's tables; a row is granted in the form it is written.
  return false;
}

/** Whether the value written in a statement of `stackId` is the row's value (a literal, or a resource's OCID). */
function valueIs(model: TerraformModel, stackId: string, written: string, expected: ConditionValue): boolean {
  if ('literal' in expected) return written === expected.literal;
  const target = model.resolve(stackId, written);
  // Stack ids are `<env>-<concern>` and environment names have no dash (see platform.ts stackId).
  const envName = stackId.slice(0, stackId.indexOf('-'));
  return (
    target !== undefined &&
    addressOf(target) === `${envName}-${expected.resource.stack}:${expected.resource.address}`
  );
}

function clauseHolds(
  model: TerraformModel,
  found: FoundStatement,
  clause: ConditionClause,
  facts: readonly RequestFact[],
): boolean {
  return facts.some(
    (f) => f.variable === clause.variable && valueIs(model, found.policy.stackId, clause.value, f.value),
  );
}

/** Whether the statement lets the row's request through: principal, compartment, grant and condition. */
export function statementGrants(
  model: TerraformModel,
  found: FoundStatement,
  row: RequiredPermission,
): boolean {
  const { statement } = found;
  if (!subjectMatches(statement, row) || statement.compartmentId !== row.compartmentId) return false;
  if (!grantCovers(statement, row)) return false;
  const condition = statement.condition;
  if (condition === undefined) return true;
  const holds = (c: ConditionClause): boolean => clauseHolds(model, found, c, row.condition);
  return condition.mode === 'all' ? condition.clauses.every(holds) : condition.clauses.some(holds);
}

function describe(row: RequiredPermission): string {
  const need =
    row.permission.kind === 'verb'
      ? `${row.permission.verb} ${row.permission.resourceType}`
      : `{${row.permission.permissions.join(', ')}}`;
  const who = row.who.kind === 'any-user' ? 'any-user' : `${row.who.kind} ${row.who.name}`;
  return `${who} needs ${need} for ${row.what} (${row.calledFrom})`;
}

/** (a) Every row of the table is granted by some statement. */
export function checkRequiredPermissions(
  model: TerraformModel,
  rows: readonly RequiredPermission[],
): IamViolation[] {
  const found = policyStatements(model);
  return rows
    .filter((row) => !found.some((f) => statementGrants(model, f, row)))
    .map((row) => ({
      rule: 'iam-required-permissions' as const,
      address: `required-permissions:${row.id}`,
      message: `no statement grants it: ${describe(row)}`,
    }));
}

/**
 * (b) Every statement serves at least one row and grants no more than the rows it serves need: no wider resource type
 * (a family where the rows need a member), no higher verb, no extra permission, and no wider condition (it allows no
 * request outside the rows' facts).
 */
export function checkLeastPrivilege(
  model: TerraformModel,
  rows: readonly RequiredPermission[],
): IamViolation[] {
  const out: IamViolation[] = [];
  for (const found of policyStatements(model)) {
    const fail = (message: string): void => {
      out.push({
        rule: 'iam-least-privilege',
        address: found.address,
        message: `${message}: ${found.statement.text}`,
      });
    };
    const served = rows.filter((row) => statementGrants(model, found, row));
    if (served.length === 0) {
      fail('no row of the table needs this statement');
      continue;
    }
    const { grant, condition } = found.statement;
    if (grant.kind === 'verb') {
      const sameType = served.flatMap((r) =>
        r.permission.kind === 'verb' && r.permission.resourceType === grant.resourceType
          ? [r.permission]
          : [],
      );
      if (sameType.length === 0) {
        const needed = [
          ...new Set(served.map((r) => (r.permission.kind === 'verb' ? r.permission.resourceType : ''))),
        ];
        fail(`grants ${grant.resourceType} where the rows need only ${needed.join(', ')}`);
      } else if (verbRank(grant.verb) > Math.max(...sameType.map((p) => verbRank(p.verb)))) {
        fail(
          `grants ${grant.verb} where the rows need at most ${[...new Set(sameType.map((p) => p.verb))].join(', ')}`,
        );
      }
    } else {
      const needed = new Set(
        served.flatMap((r) => (r.permission.kind === 'permissions' ? r.permission.permissions : [])),
      );
      const extra = grant.permissions.filter((p) => !needed.has(p));
      if (extra.length > 0) fail(`grants ${extra.join(', ')} that no row needs`);
    }
    // A row is a request narrowed by its facts; the statement may allow no request outside the rows. With `all`
    // tests that holds when some row's facts are all among the tests; with `any`, when each alternative on its own
    // is some row's only fact.
    const unmatched = (row: RequiredPermission, clauses: readonly ConditionClause[]): RequestFact[] =>
      row.condition.filter(
        (fact) => !clauses.some((c) => c.variable === fact.variable && clauseHolds(model, found, c, [fact])),
      );
    if (condition?.mode === 'any') {
      for (const clause of condition.clauses)
        if (!served.some((r) => unmatched(r, [clause]).length === 0))
          fail(`alternative ${clause.variable} = '${clause.value}' matches no row`);
    } else {
      const missing = served
        .map((r) => unmatched(r, condition?.clauses ?? []).map((f) => f.variable))
        .sort((a, b) => a.length - b.length)[0];
      if (missing !== undefined && missing.length > 0)
        fail(`is wider than every row it serves; narrow it by ${[...new Set(missing)].join(', ')}`);
    }
  }
  return out;
}

/**
 * (c) A policy that names a dynamic group depends on that dynamic group's resource in its own stack, so that
 * Terraform creates the group first (oracle/terraform-provider-oci#785). A dependency across stacks cannot be
 * written as `depends_on`, so such policies must live in the stack that creates the group.
 */
export function checkDynamicGroupDependencies(model: TerraformModel): IamViolation[] {
  const out: IamViolation[] = [];
  const groups = model.resources('oci_identity_dynamic_group');
  for (const found of policyStatements(model)) {
    if (found.statement.subject.kind !== 'dynamic-group') continue;
    const name = found.statement.subject.name;
    const group = groups.find((g) => g.body['name'] === name);
    const fail = (message: string): void => {
      out.push({ rule: 'iam-dynamic-group-dependency', address: found.address, message });
    };
    if (group === undefined) fail(`names dynamic group ${name}, which no stack creates`);
    else if (group.stackId !== found.policy.stackId)
      fail(`names dynamic group ${name} of ${group.stackId}: keep the statement in that stack's policy`);
    else {
      const dependsOn = found.policy.body['depends_on'];
      const reference = `${group.type}.${group.name}`;
      if (!Array.isArray(dependsOn) || !dependsOn.includes(reference))
        fail(`names dynamic group ${name} but ${addressOf(found.policy)} has no depends_on ${reference}`);
    }
  }
  return out;
}

/** Every IAM rule over the synthesized stacks of `env`. */
export function checkIam(model: TerraformModel, env: EnvironmentConfig): IamViolation[] {
  const rows = requiredPermissions(env);
  return [
    ...checkRequiredPermissions(model, rows),
    ...checkLeastPrivilege(model, rows),
    ...checkDynamicGroupDependencies(model),
  ];
}
