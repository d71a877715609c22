// Lint: the recommended rules of ESLint and typescript-eslint (syntax-only, no type information, so
// the whole tree lints in seconds). A disable comment must say why (`-- reason`), and one that no
// longer disables anything is an error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** `// eslint-disable… rule -- reason`: a disable comment without its reason is an error. */
const disableNeedsReason = {
  meta: { type: 'suggestion', schema: [], messages: { missing: 'Say why the rule is off: `eslint-disable-… rule -- reason`.' } },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const text = comment.value.trim();
          if (/^eslint-disable(?:-next-line|-line)?(?:\s|$)/.test(text) && !/\s--\s*\S/.test(text)) context.report({ loc: comment.loc, messageId: 'missing' });
        }
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { local: { rules: { 'disable-needs-reason': disableNeedsReason } } },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'local/disable-needs-reason': 'error',
    },
  },
  {
    // The two classic hook rules; the React Compiler rules of the plugin's newer presets are not used
    // (the web is not compiled by it).
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
