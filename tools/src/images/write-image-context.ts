import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNxProjects, resolvedOptions } from '../workspace/nx-projects.js';
import { needsMysqlCa, type ImageApp } from './image-apps.js';
import {
  bundleImports,
  bundleOutputs,
  imageLock,
  type BuildEntries,
  runtimeDependencies,
  type LockFile,
  type WorkspacePackage,
} from './image-context.js';

/** The repository's CA bundle for the DB system, copied into the images of apps that connect to MySQL. */
export const REPO_MYSQL_CA_FILE = 'certs/mysql-ca.pem';
/** The file every image runs (what the `build` target writes for entry `main`). */
export const IMAGE_ENTRY = 'bundle/main.js';

/** What {@link writeImageContext} wrote. */
export interface ImageContext {
  readonly dir: string;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly packages: number;
  /** Whether certs/mysql-ca.pem went into the context. */
  readonly hasMysqlCa: boolean;
}

interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The files an app's `build` target writes (relative to the app's folder), from its package.json and nx.json. */
export function bundleOutputsOf(root: string, app: string): string[] {
  const project = readNxProjects(root).find((p) => p.root === `apps/${app}`);
  if (project?.targets.build === undefined) throw new Error(`apps/${app} has no build target`);
  const options = resolvedOptions(root, project, 'build') as Partial<BuildEntries>;
  if (typeof options.main !== 'string' || typeof options.outputPath !== 'string')
    throw new Error(`the build target of apps/${app} names no main and outputPath`);
  return bundleOutputs(project.root, { ...options, main: options.main, outputPath: options.outputPath });
}

/**
 * Writes the build context of an app's image into `apps/<app>/dist/image`: its Dockerfile, the bundle's entry
 * (and source map), the asset folders, a package.json and package-lock.json holding exactly the third-party
 * packages the bundle imports at the versions of the workspace lock, and `certs/` (the repository's
 * certs/mysql-ca.pem when the app connects to MySQL and the file exists; empty otherwise, so the Dockerfile can
 * copy the folder unconditionally). Throws naming what is missing: the bundle, an asset, a package.
 */
export function writeImageContext(root: string, image: ImageApp): ImageContext {
  const appDir = join(root, 'apps', image.app);
  const dir = join(appDir, 'dist', 'image');
  const outputs = bundleOutputsOf(root, image.app);
  if (!outputs.includes(IMAGE_ENTRY))
    throw new Error(`the build target of ${image.app} writes ${outputs.join(', ')}, not ${IMAGE_ENTRY}`);
  const entry = join(appDir, IMAGE_ENTRY);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npx nx run ${image.app}:build first`);
  const missingAssets = image.assets.filter((a) => !existsSync(join(appDir, a)));
  if (missingAssets.length > 0)
    throw new Error(`apps/${image.app}/${missingAssets.join(', ')} missing: build them first`);

  const lock = readJson<LockFile>(join(root, 'package-lock.json'));
  const workspaceDirs = Object.keys(lock.packages).filter((k) => k !== '' && !k.includes('node_modules/'));
  const packageOf = (wsDir: string): WorkspacePackage => ({
    dir: wsDir,
    dependencies: readJson<PackageJson>(join(root, wsDir, 'package.json')).dependencies ?? {},
  });
  const workspaceDirOf = (name: string): string => {
    const link = lock.packages[`node_modules/${name}`];
    if (link?.link !== true || typeof link.resolved !== 'string')
      throw new Error(`${name} is not a workspace package of the lock file`);
    return link.resolved;
  };
  const roots = runtimeDependencies(`apps/${image.app}`, packageOf, workspaceDirOf);
  const subset = imageLock(lock, roots, workspaceDirs);
  const imported = bundleImports(readFileSync(entry, 'utf8'));
  const undeclared = imported.filter((name) => subset.dependencies[name] === undefined);
  if (undeclared.length > 0) {
    throw new Error(
      `the bundle imports ${undeclared.join(', ')}, which no package.json on its path declares: add them to apps/${image.app}/package.json or to the library that uses them`,
    );
  }
  if (subset.installScripts.length > 0) {
    throw new Error(
      `${subset.installScripts.join(', ')} run install scripts, which the image skips (npm ci --ignore-scripts): decide in the Dockerfile whether to allow them`,
    );
  }

  const app = readJson<PackageJson>(join(appDir, 'package.json'));
  const name = `${app.name ?? `@lakehouse/${image.app}`}-image`;
  const version = app.version ?? '0.0.0';
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'bundle'), { recursive: true });
  cpSync(join(appDir, 'Dockerfile'), join(dir, 'Dockerfile'));
  cpSync(entry, join(dir, IMAGE_ENTRY));
  if (existsSync(`${entry}.map`)) cpSync(`${entry}.map`, join(dir, `${IMAGE_ENTRY}.map`));
  for (const asset of image.assets) cpSync(join(appDir, asset), join(dir, asset), { recursive: true });
  const dependencies = Object.fromEntries(
    Object.entries(subset.dependencies).sort(([a], [b]) => a.localeCompare(b)),
  );
  // "type": "module": the bundle is ESM and Node reads a .js file's format from the nearest package.json.
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name, version, private: true, type: 'module', dependencies }, null, 2)}\n`,
  );
  writeFileSync(
    join(dir, 'package-lock.json'),
    `${JSON.stringify(
      {
        name,
        version,
        lockfileVersion: 3,
        requires: true,
        packages: { '': { name, version, dependencies }, ...subset.packages },
      },
      null,
      2,
    )}\n`,
  );
  mkdirSync(join(dir, 'certs'));
  const ca = join(root, REPO_MYSQL_CA_FILE);
  const hasMysqlCa = needsMysqlCa(image) && existsSync(ca) && statSync(ca).isFile();
  if (hasMysqlCa) {
    if (!readFileSync(ca, 'utf8').includes('-----BEGIN CERTIFICATE-----'))
      throw new Error(`${REPO_MYSQL_CA_FILE} holds no PEM certificate`);
    cpSync(ca, join(dir, 'certs', 'mysql-ca.pem'));
  }
  return { dir, dependencies, packages: Object.keys(subset.packages).length, hasMysqlCa };
}
