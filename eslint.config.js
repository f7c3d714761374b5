// Flat ESLint config: correctness rules only (formatting is not linted), fast (no
// type-aware rules; `tsc --noEmit` does the type checking), plus the layering rule
// of ARCHITECTURE.md: imports point one way, app → server → domain.
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

// Relative imports that climb into another top-level layer ('../server/x',
// '../../app/lib/y'); '~/…' is the alias for app/.
const intoLayer = (...layers) => `^(?:\\.{1,2}/)+(?:${layers.join('|')})(?:/|$)`

// What domain/ may not import: another layer, the database, the UI framework, and (but in
// its tests) Node itself.
const domainImportPatterns = [
  {
    regex: intoLayer('server', 'app'),
    message: 'domain/ holds pure rules: it may not import from server/ or app/ (imports point app → server → domain).',
  },
  { regex: '^~/', message: 'domain/ may not import from app/ (imports point app → server → domain).' },
  { regex: '^drizzle-orm(?:/|$)', message: 'domain/ holds pure rules: no database access (queries belong in server/).' },
  { regex: '^react(?:-dom|-router)?(?:/|$)', message: 'domain/ holds pure rules: no UI framework (components belong in app/).' },
]
const nodeInDomain = { regex: '^node:', message: 'domain/ holds pure rules: no Node.js modules (I/O belongs in server/).' }

// The Node globals plain .js/.mjs scripts use (TypeScript files are checked by tsc,
// and typescript-eslint turns no-undef off for them).
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout',
    'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask', 'structuredClone',
    'fetch', 'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder', 'performance',
  ].map((name) => [name, 'readonly']),
)

// `useCaseFailure(formData, error)` (app/lib/forms.server.ts) turns a use-case error into
// a form failure; it is no React hook, but its name starts with "use" + a capital, so
// rules-of-hooks would flag every action calling it. This wraps the rule and drops
// reports about the functions named here, keeping it for everything else.
const NOT_HOOKS = new Set(['useCaseFailure'])
const rulesOfHooks = reactHooks.rules['rules-of-hooks']
const hooksPlugin = {
  ...reactHooks,
  rules: {
    ...reactHooks.rules,
    'rules-of-hooks': {
      meta: rulesOfHooks.meta,
      create(context) {
        const filtered = Object.create(context, {
          report: {
            value(descriptor) {
              const node = descriptor.node
              const name = node?.type === 'Identifier' ? node.name : node?.type === 'MemberExpression' ? node.property?.name : undefined
              if (!NOT_HOOKS.has(name)) context.report(descriptor)
            },
          },
        })
        return rulesOfHooks.create(filtered)
      },
    },
  },
}

export default defineConfig(
  {
    ignores: [
      'build/', 'build-*/',
      '.react-router/',
      'node_modules/',
      'data/',
      'tests/.artifacts/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // React code lives in app/; elsewhere a `use` function is e.g. a Playwright fixture's.
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': hooksPlugin },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: nodeGlobals,
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Type-only imports keep server code out of client bundles; tsc's
      // verbatimModuleSyntax already enforces the `import type` form.
      '@typescript-eslint/consistent-type-imports': 'off',
      // Empty interfaces extending a props type are a common, harmless React idiom.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    // domain/ is pure: no I/O, no framework, no database, and no clock of its own (the
    // caller passes `now`), so every rule there can be tested with plain values.
    files: ['domain/**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...domainImportPatterns, nodeInDomain] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'domain/ takes the current instant from its caller (ctx.now): no `new Date()` without an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'domain/ takes the current instant from its caller (ctx.now): no `Date.now()`.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'domain/ takes the current instant from its caller (ctx.now): no `Date()`.',
        },
      ],
    },
  },
  {
    // A domain test may check a result against Node itself (e.g. node:crypto's SHA-256).
    files: ['domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: domainImportPatterns }],
    },
  },
  {
    files: ['server/**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: intoLayer('app'),
              message: 'server/ may not import from app/ (imports point app → server → domain); move the shared code down into server/ or domain/.',
            },
            { regex: '^~/', message: 'server/ may not import from app/ (imports point app → server → domain).' },
          ],
        },
      ],
    },
  },
)
