import { expect, it } from 'vitest'

import { explainCompany, type ExplainOptions } from '../../src/operations/index.ts'
import { useMswServer } from '../support/msw.ts'
import { connect, demoPortal as createPortal, model } from '../support/portal.ts'

const server = useMswServer()

it('explains one company signal by signal, writing nothing', async () => {
  const portal = createPortal(5)
  server.use(...portal.emulator.handlers)
  const company = portal.fixture.companies[0]!
  const explanation = await explainCompany({
    connection: connect(),
    model,
    companyId: company.id,
    asOf: portal.asOf,
  })
  expect(explanation).toMatchObject({ companyId: company.id, name: company.properties.name })
  expect(explanation.signals.length).toBeGreaterThan(0)
  expect(explanation.result ?? explanation.issues).toBeTruthy()
  expect(
    portal.emulator.stats().calls.byEndpoint['POST /crm/v3/objects/companies/batch/update'],
  ).toBe(undefined)
})

it('says a company that does not exist was not found', async () => {
  const portal = createPortal(5)
  server.use(...portal.emulator.handlers)
  await expect(
    explainCompany({ connection: connect(), model, companyId: '999999', asOf: portal.asOf }),
  ).rejects.toThrow(/999999/)
})

it('rejects a company id that is not one, before any call', async () => {
  const options = { connection: connect(), model, companyId: 'acme' } as ExplainOptions
  await expect(explainCompany(options)).rejects.toThrow(
    'explainCompany: companyId must be a company id (digits), got "acme"',
  )
})
