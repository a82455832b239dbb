import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'

import { build } from 'esbuild'

import { DEFAULT_MODEL_INPUT } from '../health/index.ts'
import type { Distribution } from './app-meta.ts'
import { createAppMeta } from './app-meta.ts'
import { createWebhooksMeta, createWorkflowActionMeta } from './backend-components.ts'

/** `hsproject.json` of the root project and of the builds. */
export const PLATFORM_VERSION = '2026.03'
export const PROJECT_NAMES = {
  private: 'customer-health',
  marketplace: 'customer-health-marketplace',
} as const satisfies Record<Distribution, string>

/** Folders and files of a UI extension package that are not uploaded. */
const NOT_UPLOADED = new Set(['node_modules', '__test__', 'test-utils'])

/** The line of `cards/distribution.ts` that the marketplace build rewrites (all three UIs read it). */
const DISTRIBUTION_LINE = "export const DISTRIBUTION: 'private' | 'marketplace' = 'private'"

export interface BuildOptions {
  /** The repository root. */
  readonly root: string
  /** Where the project folder goes, e.g. `build/hubspot/private`. */
  readonly outDir: string
  readonly distribution: Distribution
}

export interface BuildReport {
  readonly distribution: Distribution
  readonly outDir: string
  /** Every file written, relative to `outDir`. */
  readonly files: readonly string[]
  /** The app functions bundled (private only). */
  readonly functions: readonly string[]
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`)
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

function copyPackage(from: string, to: string): void {
  cpSync(from, to, {
    recursive: true,
    filter: (source) => !relative(from, source).split(/[\\/]/).some((part) => NOT_UPLOADED.has(part)),
  })
}

/**
 * The seam for the app functions (private only): each `src/app/functions/*-hsmeta.json` is copied,
 * with the folder's `package.json`, and its entrypoint is bundled into one CommonJS file (from the
 * `.ts` beside it when there is one), so a built function imports nothing outside its folder.
 * Without a functions folder, nothing happens.
 */
async function bundleFunctions(srcApp: string, outApp: string): Promise<string[]> {
  const from = join(srcApp, 'functions')
  if (!existsSync(from)) return []
  const to = join(outApp, 'functions')
  mkdirSync(to, { recursive: true })
  cpSync(join(from, 'package.json'), join(to, 'package.json'))
  const uids: string[] = []
  for (const name of readdirSync(from).filter((file) => file.endsWith('-hsmeta.json'))) {
    const meta = JSON.parse(readFileSync(join(from, name), 'utf8')) as {
      uid: string
      config: { entrypoint: string }
    }
    const entry = join(dirname(srcApp), meta.config.entrypoint)
    const source = existsSync(entry.replace(/\.js$/, '.ts')) ? entry.replace(/\.js$/, '.ts') : entry
    await build({
      entryPoints: [source],
      outfile: join(dirname(outApp), meta.config.entrypoint),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // @note HubSpot's runtime provides no packages the function did not bundle.
      packages: 'bundle',
      logLevel: 'warning',
    })
    cpSync(join(from, name), join(to, name))
    uids.push(meta.uid)
  }
  return uids
}

/**
 * Writes one complete HubSpot project folder (`hsproject.json`, `src/app/...`, the profiles),
 * uploadable with `hs project upload` as it is.
 * @example
 * await buildProject({ root, outDir: join(root, 'build/hubspot/marketplace'), distribution: 'marketplace' })
 * @throws Error when the card's distribution line is not where the build expects it
 */
export async function buildProject({ root, outDir, distribution }: BuildOptions): Promise<BuildReport> {
  const src = join(root, 'src')
  const srcApp = join(src, 'app')
  const outApp = join(outDir, 'src', 'app')
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outApp, { recursive: true })

  writeJson(join(outDir, 'hsproject.json'), {
    name: PROJECT_NAMES[distribution],
    srcDir: 'src',
    platformVersion: PLATFORM_VERSION,
  })
  for (const profile of readdirSync(src).filter((file) => /^hsprofile\.[^.]+\.json$/.test(file))) {
    cpSync(join(src, profile), join(outDir, 'src', profile))
  }
  writeJson(join(outApp, 'app-hsmeta.json'), createAppMeta(distribution))
  copyPackage(join(srcApp, 'cards'), join(outApp, 'cards'))
  copyPackage(join(srcApp, 'settings'), join(outApp, 'settings'))
  copyPackage(join(srcApp, 'pages'), join(outApp, 'pages'))
  writeJson(join(outApp, 'settings', 'model-in-use.json'), DEFAULT_MODEL_INPUT)

  if (distribution === 'marketplace') {
    const file = join(outApp, 'cards', 'distribution.ts')
    const text = readFileSync(file, 'utf8')
    if (!text.includes(DISTRIBUTION_LINE)) {
      throw new Error(`${file} no longer holds "${DISTRIBUTION_LINE}": update the build with it`)
    }
    writeFileSync(file, text.replace(DISTRIBUTION_LINE, DISTRIBUTION_LINE.replace(/'private'$/, "'marketplace'")))
    // The backend answers these; a private app's functions have no URL for HubSpot to call.
    writeJson(join(outApp, 'webhooks', 'webhooks-hsmeta.json'), createWebhooksMeta())
    writeJson(join(outApp, 'workflow-actions', 'recalculate-health-hsmeta.json'), createWorkflowActionMeta())
  }
  const functions = distribution === 'private' ? await bundleFunctions(srcApp, outApp) : []
  const files = listFiles(outDir).map((file) => relative(outDir, file)).sort()
  return { distribution, outDir, files, functions }
}
