import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { translate } from '@hubspot/project-parsing-lib/translate'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { FUNCTION_UIDS } from '../../src/app/cards/transport/function-uids.ts'
import type { BuildReport, Distribution } from '../../src/build/index.ts'
import { buildProject, createAppMeta, SCOPES, UIDS } from '../../src/build/index.ts'
import { DEFAULT_MODEL_INPUT, getDefaultModel } from '../../src/health/index.ts'
import { eventFilter } from '../../src/server/index.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
let out: string
const builds = {} as Record<Distribution, BuildReport>

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'health-build-'))
  for (const distribution of ['private', 'marketplace'] as const) {
    builds[distribution] = await buildProject({
      root: ROOT,
      outDir: join(out, distribution),
      distribution,
    })
  }
  // Bundling the four app functions (the client included) takes a while on a shared machine.
}, 120_000)

afterAll(() => rmSync(out, { recursive: true, force: true }))

interface Node {
  readonly uid: string
  readonly componentType: string
  readonly metaFilePath: string
  readonly config: Record<string, unknown>
}

/** Translates a project folder offline, as `hs project upload` would before sending it. */
async function translateProject(projectDir: string, profile?: string) {
  const project = JSON.parse(readFileSync(join(projectDir, 'hsproject.json'), 'utf8'))
  expect(project).toMatchObject({ srcDir: 'src', platformVersion: '2026.03' })
  const result = await translate(
    {
      projectSourceDir: join(projectDir, project.srcDir),
      platformVersion: '2026.03',
      accountId: 1,
    },
    { skipValidation: true, ...(profile ? { profile } : {}) },
  )
  const nodes = result.intermediateRepresentation.intermediateNodesIndexedByUid as Record<
    string,
    Node
  >
  return { nodes, skipped: result.skippedHsMetaFiles, srcDir: join(projectDir, project.srcDir) }
}

const FUNCTIONS = Object.values(UIDS.functions)

function expectComponents(
  nodes: Record<string, Node>,
  withFunctions: boolean,
  withBackend = false,
) {
  const expected: [uid: string, type: string, folder: string][] = [
    [UIDS.app, 'APPLICATION', 'app'],
    [UIDS.card, 'CARD', 'app/cards'],
    [UIDS.settings, 'SETTINGS', 'app/settings'],
    [UIDS.page, 'PAGE', 'app/pages'],
    ...(withFunctions
      ? FUNCTIONS.map((uid): [string, string, string] => [uid, 'APP_FUNCTION', 'app/functions'])
      : []),
    ...(withBackend
      ? ([
          [UIDS.webhooks, 'WEBHOOKS', 'app/webhooks'],
          [UIDS.workflowAction, 'WORKFLOW_ACTION', 'app/workflow-actions'],
        ] as [string, string, string][])
      : []),
  ]
  // The lib gives the functions folder's package.json a node of its own.
  const packages = withFunctions ? ['hubspot-serverless-package-uid'] : []
  expect(Object.keys(nodes).sort()).toEqual([...expected.map(([uid]) => uid), ...packages].sort())
  for (const [uid, type, folder] of expected) {
    expect(nodes[uid]?.componentType, uid).toBe(type)
    expect(dirname(nodes[uid]?.metaFilePath ?? ''), uid).toBe(folder)
  }
  expect(nodes[UIDS.card]?.config).toMatchObject({
    location: 'crm.record.tab',
    entrypoint: '/app/cards/HealthCard.tsx',
    objectTypes: ['companies'],
  })
  expect(nodes[UIDS.settings]?.config).toEqual({ entrypoint: '/app/settings/SettingsPage.tsx' })
  expect(nodes[UIDS.page]?.config).toEqual({ entrypoint: '/app/pages/HomePage.tsx' })
}

function expectEntrypointsExist(nodes: Record<string, Node>, srcDir: string) {
  for (const node of Object.values(nodes)) {
    const entrypoint = node.config.entrypoint
    if (typeof entrypoint === 'string')
      expect(existsSync(join(srcDir, entrypoint)), entrypoint).toBe(true)
  }
}

it('translates the root project as the private app, with every component where HubSpot looks', async () => {
  const { nodes, skipped, srcDir } = await translateProject(ROOT)
  expectComponents(nodes, existsSync(join(ROOT, 'src/app/functions')))
  expect(skipped).toEqual([])
  expectEntrypointsExist(nodes, srcDir)
  expect(nodes[UIDS.app]?.config).toMatchObject({
    distribution: 'private',
    auth: { type: 'static', requiredScopes: SCOPES },
    permittedUrls: { fetch: [] },
  })
})

it('keeps the root app-hsmeta.json and the built-in model file in step with their sources', () => {
  const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'))
  expect(json('src/app/app-hsmeta.json')).toEqual(createAppMeta('private'))
  expect(json('src/app/settings/model-in-use.json')).toEqual(DEFAULT_MODEL_INPUT)
})

it('builds the private app: static auth, the scopes, the serverless card', async () => {
  const dir = builds.private.outDir
  const { nodes, skipped, srcDir } = await translateProject(dir)
  expectComponents(nodes, builds.private.functions.length > 0)
  expect([...builds.private.functions].sort()).toEqual(
    existsSync(join(ROOT, 'src/app/functions')) ? [...FUNCTIONS].sort() : [],
  )
  expect(skipped).toEqual([])
  expectEntrypointsExist(nodes, srcDir)
  expect(nodes[UIDS.app]?.config).toMatchObject({
    distribution: 'private',
    auth: { type: 'static', requiredScopes: SCOPES },
  })
  expect(readFileSync(join(srcDir, 'app/cards/distribution.ts'), 'utf8')).toContain("= 'private'")
  expect(readFileSync(join(dir, 'hsproject.json'), 'utf8')).toContain('"customer-health"')
})

it('builds the marketplace app: OAuth, no functions, the backend URL from the profile', async () => {
  const { nodes, skipped, srcDir } = await translateProject(builds.marketplace.outDir, 'prod')
  expectComponents(nodes, false, true)
  expect(skipped).toEqual([])
  expectEntrypointsExist(nodes, srcDir)
  expect(nodes[UIDS.app]?.config).toMatchObject({
    distribution: 'marketplace',
    auth: {
      type: 'oauth',
      requiredScopes: SCOPES,
      redirectUrls: ['https://health.customer-health.example/oauth/callback'],
    },
    permittedUrls: { fetch: ['https://health.customer-health.example'] },
  })
  expect(existsSync(join(srcDir, 'app/functions'))).toBe(false)
  expect(readFileSync(join(srcDir, 'app/cards/distribution.ts'), 'utf8')).toContain(
    "= 'marketplace'",
  )
})

it('builds the marketplace webhooks and workflow action with the backend URL of each profile', async () => {
  const profiles = {
    prod: 'https://health.customer-health.example',
    dev: 'https://health-dev.customer-health.example',
  }
  for (const [profile, url] of Object.entries(profiles)) {
    const { nodes } = await translateProject(builds.marketplace.outDir, profile)
    const hooks = nodes[UIDS.webhooks]?.config as {
      settings: { targetUrl: string }
      subscriptions: {
        crmObjects: {
          subscriptionType: string
          objectType: string
          propertyName?: string
          active: boolean
        }[]
      }
    }
    expect(hooks.settings).toEqual({
      targetUrl: `${url}/webhooks/hubspot`,
      maxConcurrentRequests: 10,
    })
    expect(nodes[UIDS.workflowAction]?.config).toMatchObject({
      actionUrl: `${url}/workflow-actions/recalculate-health`,
      supportedClients: [{ client: 'WORKFLOWS' }],
      objectTypes: ['COMPANY'],
    })
    const subscriptions = hooks.subscriptions.crmObjects
    const key = (s: { subscriptionType: string; objectType: string; propertyName?: string }) =>
      [s.subscriptionType, s.objectType, s.propertyName].filter(Boolean).join(' ')
    const keys = subscriptions.map(key)
    expect(new Set(keys).size).toBe(keys.length)
    expect(subscriptions.every((s) => s.active)).toBe(true)
    for (const type of ['COMPANY', 'TICKET', 'CALL', 'EMAIL', 'MEETING_EVENT', 'NOTE'])
      expect(keys).toContain(`object.creation ${type}`)
    for (const type of ['TICKET', 'CALL', 'EMAIL', 'MEETING_EVENT', 'NOTE'])
      expect(keys).toContain(`object.associationChange ${type}`)
    const watched = eventFilter(getDefaultModel()).companyProperties
    const companyChanges = subscriptions.filter((s) =>
      key(s).startsWith('object.propertyChange COMPANY'),
    )
    expect(new Set(companyChanges.map((s) => s.propertyName))).toEqual(watched)
    // The app's own properties are never subscribed: the rescore writes them.
    expect(subscriptions.filter((s) => s.propertyName?.startsWith('health_'))).toEqual([])
    expect(
      subscriptions.filter((s) => /^hs_email_(html|subject)$/.test(s.propertyName ?? '')),
    ).toEqual([])
  }
  const outputs = (nodes: Record<string, Node>) =>
    (nodes[UIDS.workflowAction]?.config.outputFields as { typeDefinition: { name: string } }[]).map(
      (field) => field.typeDefinition.name,
    )
  expect(outputs((await translateProject(builds.marketplace.outDir, 'prod')).nodes)).toEqual([
    'health_score',
    'health_tier',
    'health_playbook',
  ])
  expect(existsSync(join(builds.private.outDir, 'src/app/webhooks'))).toBe(false)
  expect(existsSync(join(builds.private.outDir, 'src/app/workflow-actions'))).toBe(false)
})

it('ships each UI package with its own package.json and none of its tests', () => {
  for (const { outDir } of Object.values(builds)) {
    for (const folder of ['cards', 'settings', 'pages']) {
      const pkg = JSON.parse(readFileSync(join(outDir, 'src/app', folder, 'package.json'), 'utf8'))
      expect(pkg.type).toBe('module')
      expect(pkg.dependencies).toEqual({ '@hubspot/ui-extensions': '~0.17.0', react: '18.3.1' })
      const files = readdirSync(join(outDir, 'src/app', folder), { recursive: true }).map(String)
      expect(files.filter((file) => /__test__|test-utils|node_modules/.test(file))).toEqual([])
    }
  }
})

it('lets the UI packages import only types from outside src/app', () => {
  const srcApp = join(builds.marketplace.outDir, 'src/app')
  const files = readdirSync(srcApp, { recursive: true })
    .map(String)
    .filter((file) => /\.tsx?$/.test(file))
  const leaks = files.flatMap((file) =>
    [
      ...readFileSync(join(srcApp, file), 'utf8').matchAll(
        /^import\s+(type\s)?[^']*?from '([^']+)'/gm,
      ),
    ]
      .filter((match) => match[1] === undefined && match[2]?.startsWith('.'))
      .map((match) => join(dirname(file), match[2] ?? ''))
      .filter((target) => target.startsWith('..'))
      .map((target) => `${file} -> ${target}`),
  )
  expect(leaks).toEqual([])
})

it('calls the functions the build names', () => {
  // The card calls all but the schema step and the home page's portfolio view.
  const notTheCards: readonly string[] = [UIDS.functions.ensureSchema, UIDS.functions.portfolioView]
  expect(Object.values(FUNCTION_UIDS).sort()).toEqual(
    FUNCTIONS.filter((uid) => !notTheCards.includes(uid)).sort(),
  )
})

it('bundles each app function into one CommonJS file that needs nothing outside its folder', async () => {
  const root = join(out, 'with-functions')
  for (const path of ['src/app/cards', 'src/app/settings', 'src/app/pages', 'src/health']) {
    cpSync(join(ROOT, path), join(root, path), {
      recursive: true,
      filter: (source) => !source.includes('node_modules'),
    })
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'))
  const functions = join(root, 'src/app/functions')
  mkdirSync(functions, { recursive: true })
  writeFileSync(join(functions, 'package.json'), '{ "name": "functions", "version": "0.1.0" }\n')
  writeFileSync(
    join(functions, 'ScoreCompany-hsmeta.json'),
    JSON.stringify({
      uid: 'score_company',
      type: 'app-function',
      config: { entrypoint: '/app/functions/ScoreCompany.js', secretKeys: [] },
    }),
  )
  writeFileSync(
    join(functions, 'ScoreCompany.ts'),
    "import { TIERS } from '../../health/index.ts'\n" +
      'export const main = async (context: { parameters: { companyId: string } }) =>\n' +
      '  ({ success: true, value: { companyId: context.parameters.companyId, tiers: TIERS } })\n',
  )
  const report = await buildProject({
    root,
    outDir: join(root, 'build'),
    distribution: 'private',
  })
  expect(report.functions).toEqual(['score_company'])
  const built = join(root, 'build/src/app/functions/ScoreCompany.js')
  const code = readFileSync(built, 'utf8')
  expect(code).not.toMatch(/require\(["']\.\.\//)
  const loaded = createRequire(import.meta.url)(built) as {
    main: (context: unknown) => Promise<unknown>
  }
  await expect(loaded.main({ parameters: { companyId: '7' } })).resolves.toEqual({
    success: true,
    value: { companyId: '7', tiers: ['healthy', 'neutral', 'at_risk', 'critical'] },
  })
  const { nodes, skipped } = await translateProject(join(root, 'build'))
  expect(nodes.score_company?.componentType).toBe('APP_FUNCTION')
  expect(skipped).toEqual([])
})
