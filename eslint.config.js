// Type-aware lint plus the layer boundaries of ARCHITECTURE.md, enforced with no-restricted-imports per folder.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ioModules = [
  'fastify',
  'fastify-*',
  '@fastify/*',
  'drizzle-orm',
  'drizzle-orm/*',
  'pg',
  'pg-boss',
  '@electric-sql/*',
  'node:fs',
  'node:fs/*',
  'node:http',
  'node:net',
  'ws',
];

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'data', '.scratch', 'server/src/db/migrations', 'models'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['describe', 'it', 'test', 'suite'], package: 'node:test' },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration in server/src/config.ts only.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  {
    files: [
      'server/src/config.ts',
      'server/test/**',
      '**/*.test.ts',
      'scripts/**',
      'bench/**',
      'web/vite.config.ts',
      'server/src/cli/**',
      'web/e2e/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Pure domain: no I/O, no framework, nothing from outer layers.
    files: ['server/src/domain/**/*.ts', 'contracts/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'domain/ and contracts/ are pure: no I/O or framework imports.' },
            {
              group: [
                '**/services/*',
                '**/repositories/*',
                '**/http/*',
                '**/db/*',
                '**/jobs/*',
                '**/cli/*',
                '**/connectors/*',
              ],
              message: 'domain/ imports nothing from outer layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/services/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'fastify',
                'fastify-*',
                '@fastify/*',
                'drizzle-orm',
                'drizzle-orm/*',
                'pg',
                'pg-boss',
                '@electric-sql/*',
              ],
              message: 'services/ reach I/O through repositories.',
            },
            {
              group: ['**/db/database', '**/db/schema', '**/db/schema/*', '**/http/*', '**/cli/*'],
              message: 'services/ never import db/, http/ or cli/ (use a repository).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/http/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/*', '**/db/schema/*', 'drizzle-orm', 'drizzle-orm/*'],
              message: 'http/ never touches the database: call a service.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/*', '**/server/**'],
              message: 'The web app shares only contracts/ with the server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'server/test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
);
