// Flat config. Module boundaries are enforced at `error` (STYLE.md §2); changing them needs an ADR.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const PURE_BANNED = [
  '@nestjs/*',
  'kafkajs',
  'mongoose',
  'mongodb',
  'ws',
  'express',
  'fastify',
  'ocpp-ws-io',
  'pino',
];

const ALL_BUT_APP = [
  'type:contracts',
  'type:protocol',
  'type:domain',
  'type:transport',
  'type:data-access',
  'type:util',
];

/**
 * STYLE.md §2 as depConstraints. Test files (specs, benches, test helpers) integrate pieces: they may use any
 * library but apps, including type:testing ones.
 */
function boundaries(inTests) {
  const t = (tags) => (inTests ? [...ALL_BUT_APP, 'type:testing'] : tags);
  return {
    enforceBuildableLibDependency: true,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: t(ALL_BUT_APP) },
      { sourceTag: 'type:transport', onlyDependOnLibsWithTags: t(['type:contracts', 'type:util']) },
      {
        sourceTag: 'type:data-access',
        onlyDependOnLibsWithTags: t(['type:contracts', 'type:domain', 'type:util']),
      },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: t(['type:util']) },
      { sourceTag: 'type:protocol', onlyDependOnLibsWithTags: t(['type:util']) },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: t(['type:util']) },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: t(['type:util']) },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: [...ALL_BUT_APP, 'type:testing'] },
      { sourceTag: 'scope:core', notDependOnLibsWithTags: ['scope:ocpp', 'scope:ocpi'] },
      { sourceTag: 'runtime:pure', bannedExternalImports: PURE_BANNED },
    ],
  };
}

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/bench/**/*.ts', '**/test/**/*.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '.tools',
      '.local',
      '.nx',
      'vendor',
      'coverage',
      'test-artifacts',
    ],
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
    },
  },
  {
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(true)] },
  },
  {
    // The end-to-end harness composes the real apps (in-process for benches, as processes for e2e tests):
    // it is the one place allowed to reach into apps. See docs/adr/0010-end-to-end.md.
    files: ['apps/platform-e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // type:testing libraries may only be imported from tests, benches and simulators' own CLIs.
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: [...TEST_FILES, 'apps/platform-e2e/**', 'libs/testing/**', 'libs/station-simulator/**', 'libs/ptp-simulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tapcharge/testing', '@tapcharge/station-simulator', '@tapcharge/ptp-simulator'],
              message: 'testing libraries are for tests only',
            },
          ],
        },
      ],
    },
  },
  {
    // Domain code stays framework-free (STYLE.md §4).
    files: ['apps/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'kafkajs', 'mongoose', '@tapcharge/kafka*', '@tapcharge/persistence'],
              message: 'domain code is pure',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
];
