import { type ViteUserConfig } from 'vitest/config';
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
export declare function projectVitestConfig(projectDir: string, options?: ProjectVitestOptions): ViteUserConfig;
//# sourceMappingURL=vitest.preset.d.mts.map