/** `health-score samples` as a user runs it: the sample portal, scored with no API at all. */
import { expect, it } from 'vitest'

import { cli } from '../../support/cli.ts'

it('scores the sample companies with no API at all', async () => {
  const { code, stdout } = await cli(['samples'])
  expect(code).toBe(0)
  expect(stdout).toMatch(/Granite Manufacturing\s+\d+\s+Critical/)
})

it('names a fixture it cannot read, with exit code 2', async () => {
  const { code, stderr } = await cli(['samples', '--fixture', 'no-such-file.json'])
  expect(code).toBe(2)
  expect(stderr).toMatch(/^health-score samples: cannot read --fixture no-such-file\.json: ENOENT/)
})

it('prints hostile CRM names without their escape sequences, and cuts over-long ones', async () => {
  const { mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const dir = await mkdtemp(join(tmpdir(), 'samples-evil-'))
  try {
    const sample = JSON.parse(await readFile('examples/sample-portal.json', 'utf8'))
    sample.companies[0].properties.name = '\u001b[31mEvil\u0007 Corp\u001b]0;pwned\u0007'
    sample.companies[1].properties.name = `Long${'x'.repeat(100)}`
    const fixture = join(dir, 'evil.json')
    await writeFile(fixture, JSON.stringify(sample))
    const { code, stdout } = await cli(['samples', '--fixture', fixture])
    expect(code).toBe(0)
    expect(stdout).toMatch(/Evil Corp\s+\d+/)
    // eslint-disable-next-line no-control-regex
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
    expect(stdout).not.toContain('pwned')
    expect(stdout).toContain(`Long${'x'.repeat(35)}…`)
    expect(stdout).not.toContain('x'.repeat(37))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

it('names a fixture that is not JSON, or JSON of the wrong shape, in one line with exit code 2', async () => {
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const dir = await mkdtemp(join(tmpdir(), 'samples-bad-'))
  try {
    const notJson = join(dir, 'not-json.json')
    const wrongShape = join(dir, 'wrong-shape.json')
    await writeFile(notJson, 'not json\n')
    await writeFile(wrongShape, '{"companies":[{"id":1}]}')
    const a = await cli(['samples', '--fixture', notJson])
    expect(a.code).toBe(2)
    expect(a.stderr.trim()).toMatch(
      new RegExp(`^health-score samples: --fixture ${notJson} is not JSON: [^\\n]+$`),
    )
    const b = await cli(['samples', '--fixture', wrongShape])
    expect(b.code).toBe(2)
    expect(b.stderr.trim()).toMatch(
      new RegExp(
        `^health-score samples: --fixture ${wrongShape} is not a fixture: portalId: [^\\n]+$`,
      ),
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
