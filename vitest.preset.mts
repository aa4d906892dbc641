import { defaultServerConditions } from 'vite';
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { relative } from 'node:path';

/** Options for {@link projectVitestConfig}. */
export interface ProjectVitestOptions {
  /** Per-test timeout of integration tests against the local stack. @default 60_000 */
  readonly intTestTimeoutMs?: number;
  /** Line-coverage floor enforced when the unit tests run with --coverage. @default 0 */
  readonly coverageLines?: number;
}

/**
 * One Vitest configuration for every project: a `unit` project (`*.test.ts`, no I/O) and an `int` project
 * (`*.int.test.ts`, against the local stack). Workspace packages resolve to their TypeScript sources through the
 * `@lakehouse/source` export condition, so tests never need a prior build.
 */
export function projectVitestConfig(projectDir: string, options: ProjectVitestOptions = {}): ViteUserConfig {
  const conditions = ['@lakehouse/source', ...defaultServerConditions];
  return defineConfig({
    root: projectDir,
    cacheDir: `${relative(projectDir, import.meta.dirname)}/node_modules/.vite/${relative(import.meta.dirname, projectDir)}`,
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      watch: false,
      environment: 'node',
      reporters: ['default'],
      coverage: {
        provider: 'v8',
        include: ['src/**/*.ts'],
        exclude: [
          'src/**/*.test.ts',
          'src/index.ts',
          'src/testing/**',
          'src/**/testing.ts',
          'src/**/*.bench.ts',
          'src/**/main.ts',
        ],
        reportsDirectory: './test-output/coverage',
        thresholds: { lines: options.coverageLines ?? 0 },
      },
      projects: [
        {
          extends: true,
          test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/**/*.int.test.ts'] },
        },
        {
          extends: true,
          test: {
            name: 'int',
            include: ['src/**/*.int.test.ts'],
            testTimeout: options.intTestTimeoutMs ?? 60_000,
            hookTimeout: 120_000,
            // Integration files share one MariaDB and one Kafka broker: run them one file at a time so that
            // timings stay meaningful on a 2-core machine.
            fileParallelism: false,
          },
        },
      ],
    },
  });
}
