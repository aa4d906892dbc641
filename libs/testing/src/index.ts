// The stack's settings and app spawning live in @lakehouse/local-stack (tools use them at run time); they are
// re-exported here so a test's setup comes from one import.
export {
  StackSettingsSchema,
  WORKSPACE_ROOT,
  localAppEnv,
  readStackSettings,
  spawnBundledApp,
  spawnLocalApp,
  stackDir,
  type LocalApp,
  type StackSettings,
} from '@lakehouse/local-stack';
export { createThrowawaySchema, type ThrowawaySchema } from './throwaway-schema.js';
export { uniqueName } from './unique-name.js';
export { fuzzRun, type FuzzRun } from './fuzz-seed.js';
export { envExampleKeys } from './env-example-keys.js';
export { processCpuMs, reapedChildrenCpuMs } from './process-cpu-time.js';
