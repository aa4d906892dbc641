export {
  StackSettingsSchema,
  WORKSPACE_ROOT,
  readStackSettings,
  stackDir,
  type StackSettings,
} from './stack-settings.js';
export { createThrowawaySchema, type ThrowawaySchema } from './throwaway-schema.js';
export { uniqueName } from './unique-name.js';
export { envExampleKeys } from './env-example-keys.js';
export { localAppEnv, spawnBundledApp, spawnLocalApp, type LocalApp } from './local-apps.js';
export { localStackSqlEnv } from './local-stack-sql-env.js';
export { processCpuMs, reapedChildrenCpuMs } from './process-cpu-time.js';
