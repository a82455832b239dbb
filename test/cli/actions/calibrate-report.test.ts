/** `health-score calibrate --report FILE` as a user runs it: the backtest as one HTML page. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, expect, it } from 'vitest'

import { cli } from '../../support/cli.ts'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'calibrate-report-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

it('writes the report as a self-contained HTML page, beside the --json line', async () => {
  const file = join(dir, 'tmp.html')
  const { code, stdout, stderr } = await cli([
    'calibrate',
    '--demo',
    '--companies',
    '300',
    '--report',
    file,
    '--json',
  ])
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
  const lines = stdout.trim().split('\n')
  expect(lines).toHaveLength(1)
  const report = JSON.parse(lines[0]!) as { outcomes: number; current: { auc: number } }
  expect(report).not.toHaveProperty('charts')
  const html = await readFile(file, 'utf8')
  expect(html).toMatch(/^<!doctype html>/)
  expect(html).not.toMatch(/<script|https?:|\b(src|href)=|url\(/i)
  expect(html).toContain('on the demo portal')
  expect(html).toContain(`<dt>Outcomes</dt><dd>${report.outcomes}</dd>`)
  expect(html).toContain(`Current model: AUC ${report.current.auc.toFixed(2)} (95% `)
  for (const id of ['roc', 'tiers', 'band', 'weights', 'save-rate'])
    expect(html).toContain(`<section id="${id}">`)
  expect(html).toContain('<path class="roc current"')
}, 60_000)

it('says in one line that it cannot write the report, and exits 1', async () => {
  const file = join(dir, 'no-such-folder', 'report.html')
  const { code, stdout, stderr } = await cli([
    'calibrate',
    '--demo',
    '--companies',
    '6',
    '--report',
    file,
  ])
  expect(code).toBe(1)
  expect(stdout).toBe('')
  expect(stderr).toMatch(
    new RegExp(`^health-score calibrate: cannot write --report ${file}: ENOENT[^\\n]*$`),
  )
}, 60_000)
