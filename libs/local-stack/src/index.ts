export {
  StackSettingsSchema,
  WORKSPACE_ROOT,
  readStackSettings,
  stackDir,
  type StackSettings,
} from './stack-settings.js';
export {
  STACK_ENV_FILE,
  localStackEnv,
  readStackEnv,
  renderEnvFile,
  stackEnv,
  stackEnvFile,
  withStackEnv,
  type Env,
  type StackDatabase,
} from './stack-env.js';
export { localAppEnv, spawnBundledApp, spawnLocalApp, type LocalApp } from './local-apps.js';
