import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { parseFixture } from '@health-score/hubspot-emulator'
import { expect, it } from 'vitest'

import { fixtureJsonChunks, generateDemoPortal, writeFixtureFile } from '../../src/demo/index.ts'

const { fixture } = generateDemoPortal({ companies: 120, seed: 5 })

it('streams the same text as JSON.stringify', () => {
  expect([...fixtureJsonChunks(fixture)].join('')).toBe(JSON.stringify(fixture))
})

it('writes a file that parseFixture reads back unchanged', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'demo-fixture-'))
  try {
    const path = join(dir, 'portal.json')
    await writeFixtureFile(path, fixture)
    const parsed = parseFixture(JSON.parse(await readFile(path, 'utf8')))
    expect(parsed).toEqual(JSON.parse(JSON.stringify(fixture)))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

it('writes an empty portal as a valid fixture', () => {
  const empty = generateDemoPortal({ companies: 0 }).fixture
  const parsed = parseFixture(JSON.parse([...fixtureJsonChunks(empty)].join('')))
  expect(parsed.companies).toEqual([])
  expect(parsed.asOf).toBe('2026-11-01T00:00:00.000Z')
})
