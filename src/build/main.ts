/**
 * `npm run build`: both HubSpot projects, `build/hubspot/private/` and `build/hubspot/marketplace/`.
 * `npm run build -- --sync-root` also rewrites the root project's generated files (its
 * `app-hsmeta.json` and the settings page's `model-in-use.json`) from their sources.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import { DEFAULT_MODEL_INPUT } from '../health/index.ts'
import { createAppMeta } from './app-meta.ts'
import { buildProject } from './build-project.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

if (process.argv.includes('--sync-root')) {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
  writeFileSync(join(root, 'src/app/app-hsmeta.json'), json(createAppMeta('private')))
  writeFileSync(join(root, 'src/app/settings/model-in-use.json'), json(DEFAULT_MODEL_INPUT))
  process.stdout.write('rewrote src/app/app-hsmeta.json and src/app/settings/model-in-use.json\n')
}

for (const distribution of ['private', 'marketplace'] as const) {
  const report = await buildProject({ root, outDir: join(root, 'build/hubspot', distribution), distribution })
  const functions = report.functions.length === 0 ? 'no functions' : `functions ${report.functions.join(', ')}`
  process.stdout.write(`${relative(root, report.outDir)}: ${report.files.length} files, ${functions}\n`)
}
