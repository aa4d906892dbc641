import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { stackEnv, type StackDatabase } from './stack-env.js';
import type { StackSettings } from './stack-settings.js';
import { WORKSPACE_ROOT } from './stack-settings.js';

/** Apps that run as their own processes against the local stack. */
export type LocalApp = 'producer' | 'connector-runner';

/**
 * The environment that points an app at the local stack (and at `database`, e.g. a throwaway schema): PATH and HOME
 * of `host` plus {@link stackEnv}, so nothing else of the caller's environment leaks into the app.
 */
export function localAppEnv(
  settings: StackSettings,
  database: StackDatabase,
  host: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  return { PATH: host.PATH ?? '/usr/bin:/bin', HOME: host.HOME ?? '/tmp', ...stackEnv(settings, database) };
}

/** Starts an app from its TypeScript sources, as `npx tsx apps/<app>/src/main.ts` would. */
export function spawnLocalApp(
  app: LocalApp,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  stdio: 'pipe' | 'inherit' = 'pipe',
): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@lakehouse/source',
      join(WORKSPACE_ROOT, 'apps', app, 'src', 'main.ts'),
      ...args,
    ],
    { cwd: WORKSPACE_ROOT, env: { ...env }, stdio: ['ignore', stdio, stdio] },
  );
}

/**
 * Starts an app from its bundle (`npx nx run <app>:build` writes apps/<app>/bundle/main.js) with plain node, as a
 * container runs it: for benchmarks, where running the sources through tsx would be measured too.
 */
export function spawnBundledApp(
  app: LocalApp,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  stdio: 'pipe' | 'inherit' = 'pipe',
): ChildProcess {
  return spawn(process.execPath, [join(WORKSPACE_ROOT, 'apps', app, 'bundle', 'main.js'), ...args], {
    cwd: WORKSPACE_ROOT,
    env: { ...env },
    stdio: ['ignore', stdio, stdio],
  });
}
