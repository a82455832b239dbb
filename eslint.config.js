import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import simpleImportSort from 'eslint-plugin-simple-import-sort'
import tseslint from 'typescript-eslint'

/** The folders whose `index.ts` is their public surface: imports from outside go through it. */
const BARRELLED = ['health', 'hubspot', 'operations', 'demo', 'server', 'sqlite-journal']

const throughBarrel = {
  regex: `^(\\.\\./)+(src/)?(${BARRELLED.join('|')})/(?!index\\.ts$)`,
  message: 'Import from the folder’s index.ts: it is the folder’s public surface.',
}
/**
 * The HubSpot components are packages of their own that HubSpot builds: they import only types,
 * from the engine's barrel and from the contract files of what the card, the settings page and the
 * home page exchange.
 */
const throughContract = {
  regex: `^(\\.\\./)+(src/)?(${BARRELLED.join('|')})/(?!index\\.ts$|company-health\\.ts$|portfolio-types\\.ts$)`,
  message:
    'The HubSpot components import types from a barrel, operations/company-health.ts or operations/portfolio-types.ts.',
}
const notOwnBarrel = {
  regex: '^\\./index\\.ts$',
  message: 'Import the module itself: a folder’s own barrel makes an import cycle.',
}
/** A layer imports only the layers below it: health ← hubspot ← operations ← hosts (cli, server). */
const below = (folders, why) => ({
  regex: `^(\\.\\./)+(${folders.join('|')})(/|\\.ts$)`,
  message: why,
})

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'coverage/', '.health-score/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The card and the settings page: React hooks by the rules, the SDK `logger` rather than console.
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The CLI, benchmarks and the logger are where output to a terminal is the point.
    files: ['src/cli/**', 'bench/**', 'src/log.ts', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
  { files: ['src/**/*.ts', 'bench/**/*.ts'], rules: restrict(throughBarrel) },
  { files: ['src/app/**/*.{ts,tsx}'], rules: restrict(throughContract) },
  { files: ['src/demo/**/*.ts'], rules: restrict(throughBarrel, notOwnBarrel) },
  {
    files: ['src/health/**/*.ts'],
    rules: restrict(
      throughBarrel,
      notOwnBarrel,
      below(
        ['hubspot', 'operations', 'cli', 'server', 'sqlite-journal', 'emulator', 'demo', 'log'],
        'The engine is pure: no I/O.',
      ),
    ),
  },
  {
    files: ['src/hubspot/**/*.ts'],
    rules: restrict(
      throughBarrel,
      notOwnBarrel,
      below(
        ['operations', 'cli', 'server', 'sqlite-journal', 'emulator', 'demo'],
        'The data layer knows no operation or host.',
      ),
    ),
  },
  {
    files: ['src/operations/**/*.ts'],
    rules: restrict(
      throughBarrel,
      notOwnBarrel,
      below(
        ['cli', 'server', 'sqlite-journal', 'emulator', 'demo'],
        'Operations bundle anywhere: no host, no emulator, no native module.',
      ),
    ),
  },
  {
    // The SQLite run journal both hosts keep: below them, above the operations whose types it stores.
    files: ['src/sqlite-journal/**/*.ts'],
    rules: restrict(
      throughBarrel,
      notOwnBarrel,
      below(
        ['cli', 'server', 'demo', 'app', 'emulator'],
        'The journal serves the hosts: it knows none.',
      ),
    ),
  },
  {
    // The marketplace backend is a host, like the CLI (which may start it through its barrel).
    files: ['src/server/**/*.ts'],
    rules: restrict(
      throughBarrel,
      notOwnBarrel,
      below(['cli', 'demo', 'app'], 'The backend is a host: it knows no other host.'),
      {
        regex: '^@health-score/hubspot-emulator',
        message:
          'The backend ships without the emulator: point HUBSPOT_API_BASE_URL at it instead.',
      },
    ),
  },
)
