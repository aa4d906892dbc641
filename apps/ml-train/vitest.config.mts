import { projectVitestConfig } from '../../vitest.preset.mts';

export default projectVitestConfig(import.meta.dirname, { intTestTimeoutMs: 120_000 });
