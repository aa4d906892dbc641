import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Nx projects and targets of the workspace, read from the files Nx reads (the root package.json's workspaces,
 * each project's package.json `nx` section, nx.json's plugins and targetDefaults) without starting Nx: a few
 * milliseconds instead of seconds for `nx show projects`, and no daemon. Targets that plugins infer are derived from
 * the file each plugin looks for; a plugin this module does not know is an error, so that adding one to nx.json
 * cannot make targets silently unknown here.
 */

/** One target as configured (explicit or inferred); options before Nx resolves tokens. */
export interface NxTarget {
  readonly executor?: string;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly dependsOn?: readonly unknown[];
}

/** One project of the workspace. */
export interface NxProject {
  readonly name: string;
  /** Folder relative to the workspace root, e.g. `apps/api`. */
  readonly root: string;
  readonly tags: readonly string[];
  /** Every target: the package.json ones and those the nx.json plugins infer. */
  readonly targets: Readonly<Record<string, NxTarget>>;
}

interface PackageJson {
  readonly name?: string;
  readonly workspaces?: readonly string[];
  readonly scripts?: Readonly<Record<string, string>>;
  readonly main?: string;
  readonly exports?: Readonly<Record<string, unknown>> | string;
  readonly nx?: {
    readonly name?: string;
    readonly tags?: readonly string[];
    readonly targets?: Readonly<Record<string, NxTarget>>;
  };
}

interface NxJson {
  readonly plugins?: readonly (string | { readonly plugin: string })[];
  readonly targetDefaults?: Readonly<Record<string, NxTarget>>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const hasFile = (dir: string, pattern: RegExp): boolean => readdirSync(dir).some((f) => pattern.test(f));

/** Targets each plugin of nx.json infers for a project folder (see each plugin's createNodes). */
const INFERRED: Readonly<Record<string, (dir: string, pkg: PackageJson) => readonly string[]>> = {
  // typecheck wherever a tsconfig.json is; build (and its -deps helpers) for a library whose package.json points
  // into the output of its tsconfig.lib.json.
  '@nx/js/typescript': (dir, pkg) => [
    ...(existsSync(join(dir, 'tsconfig.json')) ? ['typecheck'] : []),
    ...(existsSync(join(dir, 'tsconfig.lib.json')) && typeof pkg.exports === 'object' && '.' in pkg.exports
      ? ['build', 'build-deps', 'watch-deps']
      : []),
  ],
  '@nx/vitest': (dir) => (hasFile(dir, /^vitest\.config\.[cm]?[jt]s$/) ? ['test'] : []),
  '@nx/eslint/plugin': (dir) => (hasFile(dir, /^eslint\.config\.[cm]?js$/) ? ['lint'] : []),
};

/** The folders the root package.json's `workspaces` name (`dir/*` and plain folders, as this workspace uses). */
function workspaceDirs(root: string, patterns: readonly string[]): string[] {
  return patterns.flatMap((p) => {
    if (!p.endsWith('/*')) return existsSync(join(root, p, 'package.json')) ? [p] : [];
    const parent = p.slice(0, -2);
    return readdirSync(join(root, parent), { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(root, parent, e.name, 'package.json')))
      .map((e) => `${parent}/${e.name}`);
  });
}

/** The root package.json's scripts (what `npm run X` can name). */
export function readRootScripts(root: string): Readonly<Record<string, string>> {
  return readJson<PackageJson>(join(root, 'package.json')).scripts ?? {};
}

/** Every project of the workspace with its targets; throws on a plugin in nx.json that this module cannot model. */
export function readNxProjects(root: string): NxProject[] {
  const nx = readJson<NxJson>(join(root, 'nx.json'));
  const plugins = (nx.plugins ?? []).map((p) => (typeof p === 'string' ? p : p.plugin));
  const unknown = plugins.filter((p) => INFERRED[p] === undefined);
  if (unknown.length > 0)
    throw new Error(`nx.json plugins not modelled in nx-projects.ts: ${unknown.join(', ')}`);
  const dirs = workspaceDirs(root, readJson<PackageJson>(join(root, 'package.json')).workspaces ?? []);
  return dirs.map((dir) => {
    const pkg = readJson<PackageJson>(join(root, dir, 'package.json'));
    const inferred = plugins.flatMap((p) => INFERRED[p]?.(join(root, dir), pkg) ?? []);
    const targets: Record<string, NxTarget> = Object.fromEntries(inferred.map((t) => [t, {}]));
    for (const [name, target] of Object.entries(pkg.nx?.targets ?? {})) targets[name] = target;
    return {
      name: pkg.nx?.name ?? dir.split('/').at(-1) ?? dir,
      root: dir,
      tags: pkg.nx?.tags ?? [],
      targets,
    };
  });
}

/**
 * A target's options as Nx runs them: nx.json's targetDefaults (by executor, else by target name) overlaid key by
 * key with the project's own, `{projectRoot}` and `{workspaceRoot}` replaced (paths relative to the workspace root).
 */
export function resolvedOptions(
  root: string,
  project: NxProject,
  targetName: string,
): Record<string, unknown> {
  const target = project.targets[targetName];
  if (target === undefined) throw new Error(`project ${project.name} has no target ${targetName}`);
  const defaults = readJson<NxJson>(join(root, 'nx.json')).targetDefaults ?? {};
  const base =
    (target.executor === undefined ? undefined : defaults[target.executor]) ?? defaults[targetName];
  const merged: Record<string, unknown> = { ...base?.options, ...target.options };
  const tokens = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.replaceAll('{projectRoot}', project.root).replaceAll('{workspaceRoot}/', '')
      : Array.isArray(value)
        ? value.map(tokens)
        : value;
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, tokens(v)]));
}
