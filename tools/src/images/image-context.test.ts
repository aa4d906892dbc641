import { WORKSPACE_ROOT } from '@lakehouse/testing';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_BOOTSTRAP_CONTRACT, PRODUCER_CONTRACT } from '@lakehouse/contracts';
import { IMAGE_APPS } from './image-apps.js';
import {
  bundleImports,
  bundleOutputs,
  imageLock,
  resolutionCandidates,
  runtimeDependencies,
  type LockFile,
  type WorkspacePackage,
} from './image-context.js';
import { writeImageContext } from './write-image-context.js';

const entry = (version: string, more: Record<string, unknown> = {}) => ({
  version,
  resolved: `https://registry.npmjs.org/x/-/x-${version}.tgz`,
  integrity: `sha512-${version}`,
  ...more,
});

/** A small workspace: app -> lib -> third-party packages, with one package nested under the lib. */
const LOCK: LockFile = {
  lockfileVersion: 3,
  packages: {
    '': { name: 'ws' },
    'apps/app': { version: '0.1.0', dependencies: { '@lakehouse/lib': '*', pino: '^10' } },
    'libs/lib': { version: '0.1.0', dependencies: { mysql2: '^3' } },
    'node_modules/@lakehouse/app': { resolved: 'apps/app', link: true },
    'node_modules/@lakehouse/lib': { resolved: 'libs/lib', link: true },
    'node_modules/pino': entry('10.4.0', { dependencies: { 'sonic-boom': '^4' } }),
    'node_modules/sonic-boom': entry('4.2.0', { dev: true }),
    'libs/lib/node_modules/mysql2': entry('3.24.6', {
      dependencies: { 'lru-cache': '^7' },
      optionalDependencies: { 'fsevents-like': '^1' },
      peerDependencies: { 'optional-peer': '*' },
      peerDependenciesMeta: { 'optional-peer': { optional: true } },
    }),
    'node_modules/lru-cache': entry('7.18.3'),
    'node_modules/fsevents-like': entry('1.0.0', { optional: true, hasInstallScript: true }),
    'node_modules/unrelated': entry('1.0.0'),
  },
};
const PACKAGES: Record<string, WorkspacePackage> = {
  'apps/app': { dir: 'apps/app', dependencies: { '@lakehouse/lib': '*', pino: '^10' } },
  'libs/lib': { dir: 'libs/lib', dependencies: { mysql2: '^3', pino: '^10' } },
};
const packageOf = (dir: string): WorkspacePackage => PACKAGES[dir] ?? { dir, dependencies: {} };
const workspaceDirOf = (name: string): string => String(LOCK.packages[`node_modules/${name}`]?.resolved);

describe('the packages an image installs', () => {
  it('are the app’s third-party dependencies and those of the workspace libraries it uses', () => {
    expect(runtimeDependencies('apps/app', packageOf, workspaceDirOf)).toEqual([
      { name: 'mysql2', from: 'libs/lib' },
      { name: 'pino', from: 'apps/app' },
    ]);
  });

  it('are looked up the way Node resolves them, nearest node_modules first', () => {
    expect(resolutionCandidates('libs/lib/node_modules/mysql2', 'lru-cache')).toEqual([
      'libs/lib/node_modules/mysql2/node_modules/lru-cache',
      'libs/lib/node_modules/lru-cache',
      'node_modules/lru-cache',
    ]);
  });

  it('come with their whole dependency tree from the workspace lock, pinned, and nothing else', () => {
    const roots = runtimeDependencies('apps/app', packageOf, workspaceDirOf);
    const lock = imageLock(LOCK, roots, ['apps/app', 'libs/lib']);
    expect(lock.dependencies).toEqual({ mysql2: '3.24.6', pino: '10.4.0' });
    expect(Object.keys(lock.packages)).toEqual([
      'node_modules/mysql2', // moved from libs/lib/node_modules: the image has one node_modules
      'node_modules/fsevents-like',
      'node_modules/lru-cache',
      'node_modules/pino',
      'node_modules/sonic-boom',
    ]);
    // The workspace marked sonic-boom dev-only; in the image it is a production dependency.
    expect(lock.packages['node_modules/sonic-boom']).not.toHaveProperty('dev');
    expect(lock.packages['node_modules/fsevents-like']).toMatchObject({ optional: true });
    expect(lock.packages['node_modules/pino']).toMatchObject({ integrity: 'sha512-10.4.0' });
    // An optional package's install script does not stop the image (npm skips it with --ignore-scripts).
    expect(lock.installScripts).toEqual([]);
  });

  it('name every package the lock file lacks and every version clash, all at once', () => {
    const broken: LockFile = {
      lockfileVersion: 3,
      packages: {
        ...LOCK.packages,
        // Two versions that would both land in the image's node_modules/lru-cache.
        'apps/app/node_modules/lru-cache': entry('8.0.0'),
        'node_modules/sonic-boom': undefined as never,
      },
    };
    const roots = [
      { name: 'lru-cache', from: 'apps/app' },
      { name: 'mysql2', from: 'libs/lib' },
      { name: 'pino', from: 'apps/app' },
      { name: 'gone', from: 'apps/app' },
    ];
    expect(() => imageLock(broken, roots, ['apps/app', 'libs/lib'])).toThrow(
      /gone \(a dependency of apps\/app\).*sonic-boom \(needed by node_modules\/pino\).*node_modules\/lru-cache would be both/s,
    );
  });

  it.each(IMAGE_APPS)(
    'of $app resolve from the real workspace lock file, with no install scripts',
    (image) => {
      const lock = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package-lock.json'), 'utf8')) as LockFile;
      const realPackageOf = (dir: string): WorkspacePackage => ({
        dir,
        dependencies:
          (JSON.parse(readFileSync(join(WORKSPACE_ROOT, dir, 'package.json'), 'utf8')) as WorkspacePackage)
            .dependencies ?? {},
      });
      const realDirOf = (name: string): string => String(lock.packages[`node_modules/${name}`]?.resolved);
      const workspaceDirs = Object.keys(lock.packages).filter(
        (k) => k !== '' && !k.includes('node_modules/'),
      );
      const roots = runtimeDependencies(`apps/${image.app}`, realPackageOf, realDirOf);
      const subset = imageLock(lock, roots, workspaceDirs);
      expect(Object.keys(subset.dependencies)).toContain('pino');
      expect(subset.installScripts).toEqual([]);
      expect(Object.keys(subset.packages).every((p) => p.startsWith('node_modules/'))).toBe(true);
    },
  );
});

describe('bundle files', () => {
  it('are what the build target’s entry points and output folder name', () => {
    expect(
      bundleOutputs('apps/x', {
        main: 'apps/x/src/main.ts',
        additionalEntryPoints: ['apps/x/src/cli.ts', 'apps/x/src/bench-x.ts'],
        outputPath: 'apps/x/bundle',
      }),
    ).toEqual(['bundle/main.js', 'bundle/cli.js', 'bundle/bench-x.js']);
    const twoFolders = { main: 'apps/x/src/main.ts', additionalEntryPoints: ['apps/x/bench/x.ts'] };
    expect(() => bundleOutputs('apps/x', { ...twoFolders, outputPath: 'apps/x/bundle' })).toThrow(
      /several folders/,
    );
    expect(() => bundleOutputs('apps/x', { main: 'apps/x/src/main.ts', outputPath: 'dist/x' })).toThrow(
      /not inside/,
    );
  });

  it('import third-party packages by package name; built-ins and relative files are not packages', () => {
    const bundle = [
      'import { createPool } from "mysql2/promise";',
      'import pino from "pino";',
      'import "@sinclair/typebox/value";',
      'import { readFileSync } from "node:fs";',
      'import path from "path";',
      'const lazy = await import("oci-secrets");',
      'import { x } from "./chunk.js";',
    ].join('\n');
    expect(bundleImports(bundle)).toEqual(['@sinclair/typebox', 'mysql2', 'oci-secrets', 'pino']);
  });
});

describe('writeImageContext', () => {
  const root = mkdtempSync(join(tmpdir(), 'image-context-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string): void => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  write('package-lock.json', JSON.stringify(LOCK));
  write('package.json', JSON.stringify({ workspaces: ['apps/*', 'libs/*'] }));
  const buildDefaults = {
    options: { main: '{projectRoot}/src/main.ts', outputPath: '{projectRoot}/bundle' },
  };
  write('nx.json', JSON.stringify({ targetDefaults: { '@nx/esbuild:esbuild': buildDefaults } }));
  write('libs/lib/package.json', JSON.stringify({ dependencies: PACKAGES['libs/lib']?.dependencies }));
  for (const app of ['app', 'other']) {
    write(
      `apps/${app}/package.json`,
      JSON.stringify({
        name: `@lakehouse/${app}`,
        version: '0.1.0',
        dependencies: PACKAGES['apps/app']?.dependencies,
        nx: { targets: { build: { executor: '@nx/esbuild:esbuild' } } },
      }),
    );
    write(`apps/${app}/Dockerfile`, 'FROM node:20-slim\n');
    write(
      `apps/${app}/bundle/main.js`,
      'import pino from "pino";\nimport { createPool } from "mysql2/promise";\n',
    );
  }
  write('apps/app/web/dist/index.html', '<!doctype html>');
  write('certs/mysql-ca.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

  it('holds the bundle, the assets, a lock file of the bundle’s packages and the CA bundle of a MySQL client', () => {
    const context = writeImageContext(root, {
      app: 'app',
      contract: DB_BOOTSTRAP_CONTRACT,
      assets: ['web/dist'],
    });
    expect(context).toMatchObject({ hasMysqlCa: true, dependencies: { mysql2: '3.24.6', pino: '10.4.0' } });
    const read = (file: string): string => readFileSync(join(context.dir, file), 'utf8');
    expect(JSON.parse(read('package.json'))).toMatchObject({ type: 'module', private: true });
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { dependencies?: object }>;
    };
    expect(lock.packages['']?.dependencies).toEqual({ mysql2: '3.24.6', pino: '10.4.0' });
    expect(read('bundle/main.js')).toContain('mysql2/promise');
    expect(read('web/dist/index.html')).toBe('<!doctype html>');
    expect(read('certs/mysql-ca.pem')).toMatch(/BEGIN CERTIFICATE/);
    expect(read('Dockerfile')).toBe('FROM node:20-slim\n');
  });

  it('leaves certs/ empty for an app that never connects to MySQL', () => {
    const context = writeImageContext(root, { app: 'other', contract: PRODUCER_CONTRACT, assets: [] });
    expect(context.hasMysqlCa).toBe(false);
    expect(() => readFileSync(join(context.dir, 'certs', 'mysql-ca.pem'))).toThrow(/ENOENT/);
  });

  it('refuses a bundle that imports a package no package.json on its path declares', () => {
    write('apps/other/bundle/main.js', 'import kafka from "kafkajs";\n');
    expect(() => writeImageContext(root, { app: 'other', contract: PRODUCER_CONTRACT, assets: [] })).toThrow(
      /the bundle imports kafkajs/,
    );
  });
});
