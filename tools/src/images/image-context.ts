import { builtinModules } from 'node:module';

/** One entry of an npm v3 lock file's `packages` map (only the fields read or rewritten here). */
export interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly link?: boolean;
  readonly dev?: boolean;
  readonly optional?: boolean;
  readonly devOptional?: boolean;
  readonly peer?: boolean;
  readonly hasInstallScript?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly [field: string]: unknown;
}

/** An npm lock file (lockfileVersion 2 or 3): every installed package by its folder. */
export interface LockFile {
  readonly lockfileVersion: number;
  readonly packages: Readonly<Record<string, LockEntry>>;
}

/** The fields of a workspace package.json that decide what its image needs. */
export interface WorkspacePackage {
  /** Folder relative to the workspace root (`apps/api`, `libs/sql`); also its key in the lock file. */
  readonly dir: string;
  readonly dependencies: Readonly<Record<string, string>>;
}

/** A third-party package the app needs at run time, and the workspace package whose dependency it is. */
export interface RuntimeDependency {
  readonly name: string;
  readonly from: string;
}

/** Workspace packages are bundled from source; only third-party packages are installed in the image. */
export const WORKSPACE_SCOPE = '@lakehouse/';

/**
 * Third-party packages an app needs at run time: its own production dependencies and those of every workspace
 * library it depends on, directly or through other libraries (the bundle inlines the libraries and keeps their
 * imports of third-party packages). Each name is reported once, from the first package that declares it.
 */
export function runtimeDependencies(
  appDir: string,
  packageOf: (dir: string) => WorkspacePackage,
  workspaceDirOf: (name: string) => string,
): RuntimeDependency[] {
  const found = new Map<string, RuntimeDependency>();
  const seen = new Set<string>();
  const queue = [appDir];
  for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    for (const name of Object.keys(packageOf(dir).dependencies).sort()) {
      if (name.startsWith(WORKSPACE_SCOPE)) queue.push(workspaceDirOf(name));
      else if (!found.has(name)) found.set(name, { name, from: dir });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Lock keys Node would look at for `name` required from the package at lock key `from` (nearest first). */
export function resolutionCandidates(from: string, name: string): string[] {
  const out: string[] = [];
  let dir = from;
  for (;;) {
    out.push(dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`);
    if (dir === '') return out;
    const nested = dir.lastIndexOf('/node_modules/');
    dir = nested >= 0 ? dir.slice(0, nested) : '';
  }
}

/** The image's own package.json and lock file, holding exactly the packages the app needs at run time. */
export interface ImageLock {
  /** Root dependencies, pinned to the versions the workspace installed and tested. */
  readonly dependencies: Readonly<Record<string, string>>;
  readonly packages: Readonly<Record<string, LockEntry>>;
  /** Packages that run scripts at install time (the image installs with --ignore-scripts). */
  readonly installScripts: readonly string[];
}

/** Where a package ends up in the image: workspace-local folders (`apps/api/node_modules/x`) move to the root. */
function imagePath(key: string, workspaceDirs: readonly string[]): string {
  const owner = workspaceDirs.find((dir) => key.startsWith(`${dir}/node_modules/`));
  return owner === undefined ? key : key.slice(owner.length + 1);
}

/** Flags that describe the whole workspace's tree, not the image's; npm derives them again from the new root. */
const TREE_FLAGS = ['dev', 'optional', 'devOptional', 'peer', 'extraneous'] as const;

/**
 * The part of the workspace lock file the image needs: every package reachable from `roots` through dependencies,
 * optional dependencies and (non-optional) peer dependencies, with their exact resolved versions and integrity
 * hashes, so that `npm ci` in the image installs what the workspace tested. Throws when a required package is not
 * in the lock, or when two workspaces bring different versions of a package to the same place in the image.
 */
export function imageLock(
  lock: LockFile,
  roots: readonly RuntimeDependency[],
  workspaceDirs: readonly string[],
): ImageLock {
  const packages = lock.packages;
  const resolve = (from: string, name: string): string | undefined =>
    resolutionCandidates(from, name).find((key) => packages[key] !== undefined);
  const reached = new Map<string, boolean>(); // lock key -> reached through required edges only
  const queue: [string, boolean][] = [];
  const dependencies: Record<string, string> = {};
  const problems: string[] = [];
  for (const root of roots) {
    const key = resolve(root.from, root.name);
    const entry = key === undefined ? undefined : packages[key];
    if (key === undefined || entry?.version === undefined || entry.link === true) {
      problems.push(
        `${root.name} (a dependency of ${root.from}) is not installed in the workspace lock file`,
      );
      continue;
    }
    dependencies[root.name] = entry.version;
    queue.push([key, true]);
  }
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const [key, required] = next;
    const before = reached.get(key);
    if (before === true || (before === false && !required)) continue;
    reached.set(key, required);
    const entry = packages[key] ?? {};
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    const edges: [string, boolean][] = [
      ...Object.keys(entry.dependencies ?? {}).map((n): [string, boolean] => [n, required]),
      ...Object.keys(entry.optionalDependencies ?? {}).map((n): [string, boolean] => [n, false]),
      ...Object.keys(entry.peerDependencies ?? {})
        .filter((n) => optionalPeers[n]?.optional !== true)
        .map((n): [string, boolean] => [n, required]),
    ];
    for (const [name, isRequired] of edges) {
      const target = resolve(key, name);
      if (target !== undefined) queue.push([target, isRequired]);
      else if (isRequired) problems.push(`${name} (needed by ${key}) is not in the workspace lock file`);
    }
  }
  const out: Record<string, LockEntry> = {};
  const origin = new Map<string, string>();
  for (const [key, required] of [...reached].sort(([a], [b]) => a.localeCompare(b))) {
    const path = imagePath(key, workspaceDirs);
    const entry: Record<string, unknown> = { ...packages[key] };
    for (const flag of TREE_FLAGS) delete entry[flag];
    if (!required) entry['optional'] = true;
    const previous = origin.get(path);
    if (previous !== undefined && packages[previous]?.version !== packages[key]?.version) {
      problems.push(
        `${path} would be both ${String(packages[previous]?.version)} (${previous}) and ${String(packages[key]?.version)} (${key}): align the versions in the workspace`,
      );
      continue;
    }
    origin.set(path, key);
    out[path] = entry;
  }
  if (problems.length > 0) throw new Error(`cannot build the image's lock file: ${problems.join('; ')}`);
  const installScripts = Object.entries(out)
    .filter(([, e]) => e.hasInstallScript === true && e.optional !== true)
    .map(([path]) => path);
  return { dependencies, packages: out, installScripts };
}

/** `pino`, `@sinclair/typebox/value` -> `pino`, `@sinclair/typebox`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * Third-party packages an ESM bundle imports (static `import ... from "x"`, bare `import "x"` and `import("x")`
 * with a literal), Node built-ins left out.
 */
export function bundleImports(bundle: string): string[] {
  const builtins = new Set(builtinModules);
  const specifiers = [
    ...bundle.matchAll(/^\s*import\s+(?:[^'";]*?\s+from\s+)?["']([^"'./][^"']*)["']/gm),
    ...bundle.matchAll(/\bimport\(\s*["']([^"'./][^"']*)["']\s*\)/g),
  ].map((m) => m[1] ?? '');
  return [
    ...new Set(
      specifiers
        .filter((s) => s !== '' && !s.startsWith('node:') && !builtins.has(packageNameOf(s)))
        .map(packageNameOf),
    ),
  ].sort();
}

/** The entry points and output folder of an app's `build` target (@nx/esbuild options, workspace-relative). */
export interface BuildEntries {
  readonly main: string;
  readonly additionalEntryPoints?: readonly string[];
  readonly outputPath: string;
}

/**
 * The files an app's `build` target writes, relative to the app's folder: main `apps/x/src/main.ts` and output
 * `apps/x/bundle` -> `bundle/main.js`. esbuild names each output after its entry's path below the entries' common
 * folder, so entries from several folders would not land flat in the output folder: that is refused.
 */
export function bundleOutputs(appRoot: string, build: BuildEntries): string[] {
  const entries = [build.main, ...(build.additionalEntryPoints ?? [])];
  const folders = new Set(entries.map((e) => e.slice(0, e.lastIndexOf('/'))));
  if (folders.size !== 1)
    throw new Error(`build entries of ${appRoot} are in several folders: ${entries.join(', ')}`);
  const outDir = build.outputPath.startsWith(`${appRoot}/`)
    ? build.outputPath.slice(appRoot.length + 1)
    : undefined;
  if (outDir === undefined) throw new Error(`the build output ${build.outputPath} is not inside ${appRoot}`);
  return entries.map((e) => `${outDir}/${(e.split('/').at(-1) ?? e).replace(/\.[cm]?ts$/, '')}.js`);
}
