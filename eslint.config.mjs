import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Tag rules from docs/STYLE (section 2): what each type of project may import. */
const depConstraints = [
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:util'],
  },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:util'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:util', 'type:infra'],
  },
];

/**
 * Scope rules (STYLE section 2's second tag dimension): which business area a project may reach into. api may read
 * the model (scoring, scope:ml); telemetry apps score readings as they store them (ingest-fn -> scoring), telemetry
 * libraries stay model-free; shared projects never depend on an area. Tools (type:tool) orchestrate every area and
 * are bounded by their type rule only. Combined with the type rules: a project must satisfy every rule that names
 * one of its tags.
 */
const scopeConstraints = [
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:ml', 'scope:shared'] },
  { sourceTag: 'scope:ml', onlyDependOnLibsWithTags: ['scope:ml', 'scope:shared'] },
  {
    allSourceTags: ['scope:telemetry', 'type:app'],
    onlyDependOnLibsWithTags: ['scope:telemetry', 'scope:ml', 'scope:shared'],
  },
  ...['type:domain', 'type:util', 'type:data-access'].map((type) => ({
    allSourceTags: ['scope:telemetry', type],
    onlyDependOnLibsWithTags: ['scope:telemetry', 'scope:shared'],
  })),
  ...['type:domain', 'type:util', 'type:data-access', 'type:app', 'type:infra'].map((type) => ({
    allSourceTags: ['scope:shared', type],
    onlyDependOnLibsWithTags: ['scope:shared'],
  })),
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      // App bundles (npx nx run <app>:build), generated.
      '**/bundle',
      '**/out-tsc',
      '**/test-output',
      '**/.gen',
      '**/vitest.config.*.timestamp*',
      '.local/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mts', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/vitest\\.preset\\.mts$'],
          depConstraints: [...depConstraints, ...scopeConstraints],
        },
      ],
    },
  },
  {
    files: ['**/src/**/*.ts'],
    ignores: ['**/src/**/*.test.ts', '**/src/testing/**', 'tools/**'],
    rules: {
      // Only config.ts reads the environment (STYLE section 5); tools/ is exempt.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read the environment only in src/config.ts.' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['**/src/**/config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  // Type-aware rules (STYLE: typescript-eslint type-checked) on TypeScript sources: each file is checked with the
  // types of the tsconfig that includes it (the project service follows each project's references).
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Off: an async function without await is how this code base implements a Promise-returning contract
      // (Fastify plugins and hooks, fakes of async ports); no-floating-promises and no-misused-promises check
      // the callers, which is where a forgotten await does harm (65 findings, none a bug).
      '@typescript-eslint/require-await': 'off',
      // Off: it flags String(x) and `${x}` of values narrowed from unknown to {} (driver values, rejection reasons),
      // which are meant to be stringified whatever they are (10 findings, none a bug).
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'List named exports explicitly (STYLE section 4).' },
      ],
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Tests and benchmarks read JSON bodies (inject().json(), JSON.parse) that the libraries type as any, and
    // hand methods to expect(); their assertions are the type check. The promise rules stay on.
    files: ['**/*.test.ts', '**/src/testing/**/*.ts', '**/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
];
