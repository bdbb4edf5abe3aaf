import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', '.test-data', '.bench-out', 'web/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['web/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/*/*.repo', '**/modules/*/*.repo.js'],
              message: 'Reach another module through its service.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.repo.ts', '**/platform/**', '**/*.test.ts', 'bench/**', 'scripts/**', 'server/src/cli/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
