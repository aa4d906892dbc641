import { projectVitestConfig } from '../../vitest.preset.mts';

// The Spark job's end-to-end test starts a JVM and Spark in local mode: allow it minutes, not seconds.
export default projectVitestConfig(import.meta.dirname, { intTestTimeoutMs: 300_000 });
