export {
  StackSettingsSchema,
  WORKSPACE_ROOT,
  readStackSettings,
  stackDir,
  type StackSettings,
} from './stack-settings.js';
export { createThrowawaySchema, type ThrowawaySchema } from './throwaway-schema.js';
export { uniqueName } from './unique-name.js';
