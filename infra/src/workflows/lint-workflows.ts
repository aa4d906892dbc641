import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

/** One problem of a workflow file. */
export interface WorkflowProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

interface Job {
  readonly needs?: string | string[];
  readonly environment?: unknown;
  readonly steps?: { readonly uses?: string; readonly run?: string }[];
}

/**
 * Lints one GitHub workflow: the official workflow JSON schema (through action-validator, which bundles
 * SchemaStore's schema; actionlint is not packaged for Debian 12), plus rules of our own the schema cannot express:
 * `needs` names existing jobs, every action is pinned to a version, a job that deploys runs in an environment
 * (so it waits for approval), and no secret is echoed by a run step.
 */
export function lintWorkflow(file: string, source: string): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  for (const error of validateWorkflow(source).errors) {
    const detail = 'detail' in error && error.detail ? `: ${error.detail}` : '';
    problems.push({
      file,
      path: 'path' in error ? error.path : '(parse)',
      message: `${error.title}${detail}`,
    });
  }
  let doc: { jobs?: Record<string, Job> } | undefined;
  try {
    doc = parse(source) as { jobs?: Record<string, Job> };
  } catch (err: unknown) {
    problems.push({ file, path: '(parse)', message: err instanceof Error ? err.message : String(err) });
    return problems;
  }
  const jobs = doc?.jobs ?? {};
  for (const [name, job] of Object.entries(jobs)) {
    const needs = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
    for (const need of needs) {
      if (!(need in jobs))
        problems.push({ file, path: `/jobs/${name}/needs`, message: `needs unknown job "${need}"` });
    }
    (job.steps ?? []).forEach((step, i) => {
      if (step.uses !== undefined && !step.uses.startsWith('./') && !/@[\w.-]+$/.test(step.uses)) {
        problems.push({
          file,
          path: `/jobs/${name}/steps/${i}`,
          message: `action ${step.uses} is not pinned to a version`,
        });
      }
      if (step.run !== undefined && /\b(echo|printf)\b[^\n]*\$\{\{\s*secrets\./.test(step.run)) {
        problems.push({
          file,
          path: `/jobs/${name}/steps/${i}`,
          message: 'prints a secret; pass it through env instead',
        });
      }
      if (step.run !== undefined && /infra:deploy\b/.test(step.run) && job.environment === undefined) {
        problems.push({
          file,
          path: `/jobs/${name}`,
          message: 'deploys without an environment (no approval gate)',
        });
      }
    });
  }
  return problems;
}
