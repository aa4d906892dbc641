import type { TestProjectInlineConfiguration } from 'vitest/config';
import { projectVitestConfig } from '../../vitest.preset.mts';

const config = projectVitestConfig(import.meta.dirname);
const projects = (config.test?.projects ?? []) as TestProjectInlineConfiguration[];

// The dashboard's unit tests (apps/api/web/src) run with the API's unit tests; its browser tests (apps/api/web/e2e,
// real Chromium against a test API) run with the API's
// integration tests, with the longer timeouts a browser needs.
for (const project of projects) {
  if (project.test?.name === 'unit') {
    project.test.include = [...(project.test.include ?? []), 'web/src/**/*.test.ts'];
  }
  if (project.test?.name === 'int') {
    project.test.include = [...(project.test.include ?? []), 'web/e2e/**/*.int.test.ts'];
    project.test.testTimeout = 120_000;
    project.test.hookTimeout = 180_000;
  }
}

export default config;
