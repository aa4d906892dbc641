export {
  StackSettingsSchema,
  WORKSPACE_ROOT,
  readStackSettings,
  stackDir,
  type StackSettings,
} from './stack-settings.js';
export { uniqueName } from './unique-name.js';
