import { projectVitestConfig } from '../../vitest.preset.mts';

export default projectVitestConfig(import.meta.dirname);
