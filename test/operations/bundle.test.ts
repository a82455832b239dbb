/**
 * @fileoverview The operations bundle anywhere: each entry is bundled with esbuild for Node, as a
 * HubSpot app function (CommonJS) and as an ES module, and the bundle must hold no native module and
 * no emulator code, then load and export functions.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

import { build, type Metafile } from 'esbuild'
import { afterAll, expect, it } from 'vitest'

const ENTRIES = {
  'rescore-portal': { path: 'src/operations/rescore-portal.ts', exports: ['rescorePortal'] },
  'explain-company': { path: 'src/operations/explain-company.ts', exports: ['explainCompany'] },
  operations: {
    path: 'src/operations/index.ts',
    exports: ['rescorePortal', 'explainCompany', 'scorePage', 'MemoryRunJournal', 'emptyTotals'],
  },
  hubspot: { path: 'src/hubspot/index.ts', exports: ['createConnection', 'gatherPortal'] },
  health: { path: 'src/health/index.ts', exports: ['scoreCompany', 'getDefaultModel'] },
} as const

/** What no bundle may contain: native addons, their loaders, msw and the emulator. */
const FORBIDDEN = [
  /(^|\/)node_modules\/(better-sqlite3|bindings|msw|@mswjs)\//,
  /(^|\/)src\/emulator\//,
  /(^|\/)packages\/hubspot-emulator\//,
  /\.node$/,
]

const outdir = mkdtempSync(join(tmpdir(), 'health-bundle-'))
afterAll(() => rmSync(outdir, { recursive: true, force: true }))

async function bundle(format: 'cjs' | 'esm'): Promise<Metafile> {
  const { metafile } = await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, e]) => [name, e.path])),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    outdir: join(outdir, format),
    outExtension: { '.js': format === 'cjs' ? '.cjs' : '.mjs' },
    // CommonJS dependencies bundled into an ES module still call require() for Node's built-ins.
    ...(format === 'esm'
      ? {
          banner: {
            js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
          },
        }
      : {}),
    metafile: true,
    logLevel: 'silent',
  })
  return metafile
}

function forbiddenInputs(metafile: Metafile, output: string): string[] {
  const inputs = Object.keys(metafile.outputs[output]?.inputs ?? {})
  return inputs.filter((input) => FORBIDDEN.some((pattern) => pattern.test(input)))
}

/** Imports left outside the bundle: only Node's own modules may be. */
function externalImports(metafile: Metafile, output: string): string[] {
  const builtins = new Set(builtinModules)
  return (metafile.outputs[output]?.imports ?? [])
    .filter((i) => i.external && !builtins.has(i.path.replace(/^node:/, '')))
    .map((i) => i.path)
}

/**
 * The type of each export of a bundle, as a plain Node process loads it: `require` for CommonJS (as
 * HubSpot's runtime does), `import` for an ES module. No test runner stands in between.
 */
async function exportTypes(file: string, format: 'cjs' | 'esm'): Promise<Record<string, string>> {
  const types = 'Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v]))'
  const script =
    format === 'cjs'
      ? `const m = require(${JSON.stringify(file)}); console.log(JSON.stringify(${types}))`
      : `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(JSON.stringify(${types}))`
  const args = format === 'cjs' ? ['-e', script] : ['--input-type=module', '-e', script]
  const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: 30_000 })
  return JSON.parse(stdout) as Record<string, string>
}

const sizes: Record<string, string> = {}

it.each(['cjs', 'esm'] as const)(
  'bundles every operation as %s with no native module and no emulator, and it loads',
  async (format) => {
    const metafile = await bundle(format)
    const extension = format === 'cjs' ? 'cjs' : 'mjs'
    for (const [name, entry] of Object.entries(ENTRIES)) {
      const output = Object.keys(metafile.outputs).find((o) => o.endsWith(`/${name}.${extension}`))
      expect([name, output]).toEqual([name, expect.any(String)])
      expect([name, forbiddenInputs(metafile, output!)]).toEqual([name, []])
      expect([name, externalImports(metafile, output!)]).toEqual([name, []])
      const file = join(outdir, format, `${name}.${extension}`)
      const types = await exportTypes(file, format)
      for (const symbol of entry.exports)
        expect([name, symbol, types[symbol]]).toEqual([name, symbol, 'function'])
      sizes[`${name}.${extension}`] = `${Math.round(statSync(file).size / 1024)} KiB`
    }
  },
  60_000,
)

afterAll(() => {
  if (process.env.HEALTH_BUNDLE_SIZES) process.stderr.write(`${JSON.stringify(sizes, null, 1)}\n`)
})
