import type { EnvironmentConfig } from '../environments/environment-config.js';
import type { StackName } from '../platform.js';
import type { Verb } from './iam-vocabulary.js';
import { operatorPermissions } from './operator-permissions.js';
import { permissionContext } from './permission-context.js';
import { servicePermissions } from './service-permissions.js';
import { workloadPermissions } from './workload-permissions.js';

/** Who makes a call: the principal a policy statement must name. */
export type Principal =
  | { readonly kind: 'group'; readonly name: string }
  | { readonly kind: 'dynamic-group'; readonly name: string }
  | { readonly kind: 'service'; readonly name: string }
  /** A service acting as itself; which one is stated by `request.principal.type` in the condition. */
  | { readonly kind: 'any-user' };

/** What the call needs: a verb on a resource type as Oracle's reference names them, or individual permissions. */
export type PermissionNeed =
  | { readonly kind: 'verb'; readonly verb: Verb; readonly resourceType: string }
  | { readonly kind: 'permissions'; readonly permissions: readonly string[] };

/** A value a condition compares with: a literal, or the OCID of a resource created by one of our stacks. */
export type ConditionValue =
  | { readonly literal: string }
  | { readonly resource: { readonly stack: StackName; readonly address: string } };

/** A fact of the request (`variable` has `value`) that the granting statement must be scoped to. */
export interface RequestFact {
  readonly variable: string;
  readonly value: ConditionValue;
}

/** One thing a workload, an operator or an OCI service calls, and the grant it needs. */
export interface RequiredPermission {
  /** Stable key, used in test output. */
  readonly id: string;
  readonly who: Principal;
  /** The OCI API operation (or the service's own action) that needs the permission. */
  readonly what: string;
  /** The file that makes the call, or the stack whose resource makes the service act. */
  readonly calledFrom: string;
  readonly permission: PermissionNeed;
  /** Compartment the target lives in. */
  readonly compartmentId: string;
  /** Facts of the request that a statement must be narrowed to (none: the whole compartment is meant). */
  readonly condition: readonly RequestFact[];
  /** The Oracle page that names the permission (or the statement shape) for this call. */
  readonly docUrl: string;
  /** Set when the doc does not state this exact permission for this call: what is assumed. */
  readonly unconfirmed?: string;
}

/**
 * Every grant the platform needs in `env`, one row per call. Add a row when code starts calling an OCI API (or a
 * stack makes a service act on our behalf); the IAM test then fails until a statement grants it, and fails again if
 * a statement grants more than the rows need. The rows live in one file per kind of caller: operators and the
 * deployer, OCI services acting on our resources, workloads with their resource principal.
 */
export function requiredPermissions(env: EnvironmentConfig): readonly RequiredPermission[] {
  const context = permissionContext(env);
  return [...operatorPermissions(context), ...servicePermissions(context), ...workloadPermissions(context)];
}
