/** `connectTarget`: the demo portal and any API, through the real client. */
import { expect, it } from 'vitest'

import { CliError } from '../../src/cli/cli-error.ts'
import { connectTarget } from '../../src/cli/connect.ts'

it('serves the demo portal and connects the real client to it', async () => {
  const target = await connectTarget({ demo: true, companies: 3, seed: 2 })
  try {
    expect(target).toMatchObject({ dataDir: ':memory:', label: 'the demo portal' })
    const page = await target.connection.call('GET /crm/v3/objects/companies', () =>
      target.connection.client.crm.companies.basicApi.getPage(10),
    )
    expect(page.results).toHaveLength(3)
  } finally {
    await target.close()
  }
})

it('asks for the token when none is set', async () => {
  await expect(connectTarget({}, {})).rejects.toThrow(CliError)
  await expect(connectTarget({}, {})).rejects.toThrow('set HUBSPOT_ACCESS_TOKEN')
})

it("keys the portal's journal by API and token without holding the token", async () => {
  const env = { HUBSPOT_ACCESS_TOKEN: 'pat-secret' }
  const a = await connectTarget({ baseUrl: 'http://127.0.0.1:1' }, env)
  const b = await connectTarget({}, env)
  try {
    expect(a).toMatchObject({ dataDir: '.health-score', label: 'http://127.0.0.1:1' })
    expect(b.label).toBe('https://api.hubapi.com')
    expect(a.portalKey).not.toBe(b.portalKey)
    expect(a.portalKey).not.toContain('secret')
  } finally {
    await a.close()
    await b.close()
  }
})
