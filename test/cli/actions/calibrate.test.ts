/** `health-score calibrate` as a user runs it, on the demo portal. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, expect, it } from 'vitest'

import { DEFAULT_MODEL_INPUT, parseModel } from '../../../src/health/index.ts'
import { CALIBRATION_METRIC_KEYS } from '../../support/calibration-contract.ts'
import { cli } from '../../support/cli.ts'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'calibrate-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

it('prints the calibrate --json contract and writes the recommended model with --out', async () => {
  // Start from a poor model (most weight on engagement and support), so that the fit beats it.
  const poor = structuredClone(DEFAULT_MODEL_INPUT) as unknown as {
    components: { id: string; weight: number }[]
    segments: { weights: Record<string, number> }[]
  }
  const weights = { usage: 5, adoption: 5, support: 30, sentiment: 5, engagement: 50, contract: 5 }
  for (const c of poor.components) c.weight = weights[c.id as keyof typeof weights]
  for (const s of poor.segments) s.weights = weights
  const start = join(dir, 'poor.json')
  await writeFile(start, JSON.stringify(poor))
  const out = join(dir, 'fitted.json')
  const { code, stdout, stderr } = await cli([
    'calibrate',
    '--demo',
    '--companies',
    '300',
    '--model',
    start,
    '--json',
    '--out',
    out,
  ])
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
  const lines = stdout.trim().split('\n')
  expect(lines).toHaveLength(1)
  const report = JSON.parse(lines[0]!) as Record<string, unknown>
  for (const key of [
    'accounts',
    'churned',
    'baseRate',
    'horizonDays',
    'current',
    'calibrated',
    'recommendedWeights',
    'saveRate',
  ])
    expect(report).toHaveProperty(key)
  expect(report.horizonDays).toBe(90)
  for (const m of [report.current, report.calibrated]) {
    expect(Object.keys(m as object)).toEqual(expect.arrayContaining([...CALIBRATION_METRIC_KEYS]))
    expect((m as { auc: number }).auc).toBeGreaterThan(0.5)
  }
  expect(report.proposed).toBe(true)
  expect(report.written).toBe(true)
  const written = parseModel(JSON.parse(await readFile(out, 'utf8')))
  expect(written.success).toBe(true)
  if (!written.success) return
  expect(written.value.version).toBe('1.1.0')
  expect(Object.fromEntries(written.value.components.map((c) => [c.id, c.weight]))).toEqual(
    report.recommendedWeights,
  )
  expect(written.value.calibration?.auc).toBe((report.calibrated as { auc: number }).auc)
  const bands = report.recommendedBands as { tiers: object; targetPrecision: number }
  expect(bands.targetPrecision).toBe(0.7)
  expect(written.value.tiers).toEqual(bands.tiers)

  // Backtest the fitted model on a portal of another seed, which the fit never saw.
  const held = await cli([
    'calibrate',
    '--demo',
    '--companies',
    '300',
    '--seed',
    '2',
    '--model',
    out,
  ])
  expect(held.code).toBe(0)
  expect(held.stdout).toMatch(
    /^Backtest of default@1\.1\.0 on the demo portal: \d+ renewal outcomes/,
  )
  expect(held.stdout).toMatch(/AUC\s+0\.\d\d \(95% 0\.\d\d–[01]\.\d\d\)/)
  expect(held.stdout).toMatch(/Weights: usage \d+ → \d+/)
  expect(held.stdout).toMatch(/Red band: At risk below \d+ (kept|→ \d+)/)
  expect(held.stdout).toMatch(/API calls: \d+\./)
}, 40_000)

it('writes nothing with --out when the fit does not beat the current model, and says why', async () => {
  const out = join(dir, 'not-proposed.json')
  const { code, stdout } = await cli(['calibrate', '--demo', '--companies', '300', '--out', out])
  expect(code).toBe(0)
  expect(stdout).toMatch(
    /^Not proposed: the recommended weights' held-out AUC \(0\.\d+\) does not beat the current model's \(0\.\d+\)\.$/m,
  )
  expect(stdout).toContain(`Nothing written to ${out}: the recommendation is not proposed.`)
  await expect(readFile(out)).rejects.toThrow(/ENOENT/)
}, 60_000)

it('says "too few outcomes to judge" on a portal with under 30 outcomes, and writes nothing', async () => {
  const out = join(dir, 'none.json')
  const { code, stdout } = await cli([
    'calibrate',
    '--demo',
    '--companies',
    '6',
    '--horizon',
    '30',
    '--out',
    out,
  ])
  expect(code).toBe(0)
  expect(stdout).toContain('Too few outcomes to judge: only')
  expect(stdout).toContain(`Nothing written to ${out}: the recommendation is not proposed.`)
  await expect(readFile(out)).rejects.toThrow(/ENOENT/)
}, 60_000)

it('refuses a model file that is not a model, in one line, before connecting', async () => {
  const bad = join(dir, 'bad.json')
  await writeFile(bad, JSON.stringify({ id: 'x', version: 'one' }))
  const { code, stdout, stderr } = await cli(['calibrate', '--demo', '--model', bad])
  expect(code).toBe(2)
  expect(stdout).toBe('')
  expect(stderr).toMatch(
    new RegExp(
      `^health-score calibrate: --model ${bad} is not a valid model: [^\\n]*version: must be a semantic version`,
    ),
  )
  const missing = await cli(['calibrate', '--demo', '--model', join(dir, 'absent.json')])
  expect(missing.stderr).toMatch(
    /^health-score calibrate: cannot read --model .*absent\.json: ENOENT/,
  )
}, 60_000)
