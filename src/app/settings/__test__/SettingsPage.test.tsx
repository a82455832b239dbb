import {
  Alert,
  Button,
  ErrorState,
  Input,
  LoadingButton,
  LoadingSpinner,
  NumberInput,
  TableCell,
  TableRow,
  Text,
} from '@hubspot/ui-extensions'
import { createRenderer } from '@hubspot/ui-extensions/testing'
import { expect, it, vi } from 'vitest'

import { SettingsPage } from '../SettingsPage.tsx'
import { createFakeSettingsTransport, MODEL } from '../test-utils/mocks.ts'

async function renderEditor(fake = createFakeSettingsTransport()) {
  const renderer = createRenderer('settings')
  renderer.render(<SettingsPage distribution="marketplace" transport={fake.transport} />)
  await vi.waitFor(() =>
    expect(renderer.maybeFindByTestId(LoadingSpinner, 'settings-loading')).toBeNull(),
  )
  return { ...renderer, fake }
}

// @note The SDK (0.17) types trigger's argument as the handler itself; at run time it is the value.
function type(node: { trigger: (name: 'onChange', value?: never) => void }, value: unknown) {
  node.trigger('onChange', value as never)
}

it('shows the private app its model read-only, and how to change it', () => {
  const { render, findByTestId } = createRenderer('settings')
  render(<SettingsPage distribution="private" />)
  const weight = (id: string) =>
    findByTestId(TableRow, `weight-${id}`)
      .findAll(TableCell)
      .map((cell) => cell.text)
  expect(weight('usage')).toEqual(['Usage', '30%'])
  expect(weight('contract')).toEqual(['Contract', '10%'])
  expect(findByTestId(Text, 'settings-how-to-change').text).toContain(
    '(src/health/default-model.ts), run npm run build, and upload the private build again',
  )
})

it("loads the portal's model into the editor as percentages", async () => {
  const { findByTestId } = await renderEditor()
  expect(findByTestId(NumberInput, 'weight-usage').props.value).toBe(30)
  expect(findByTestId(NumberInput, 'weight-adoption').props.value).toBe(20)
  expect(findByTestId(Text, 'settings-weight-total').text).toBe('Total: 100% (must be 100%)')
  expect(findByTestId(NumberInput, 'band-healthy').props.value).toBe(75)
  expect(findByTestId(Input, 'input-nps').props.value).toBe('nps_score')
})

it('refuses to save weights that do not add up to 100, and says why', async () => {
  const { findByTestId, fake } = await renderEditor()
  type(findByTestId(NumberInput, 'weight-usage'), 25)
  expect(findByTestId(Text, 'settings-weight-total').text).toBe('Total: 95% (must be 100%)')
  findByTestId(LoadingButton, 'settings-save').trigger('onClick')
  await vi.waitFor(() => expect(findByTestId(Alert, 'settings-issues')).toBeDefined())
  expect(findByTestId(Alert, 'settings-issues').text).toBe(
    'The weights add up to 95%; they must add up to 100%.',
  )
  expect(fake.transport.save).not.toHaveBeenCalled()
})

it('refuses tier bands out of order and a property name that is not one', async () => {
  const { findByTestId, fake } = await renderEditor()
  type(findByTestId(NumberInput, 'band-neutral'), 80)
  type(findByTestId(Input, 'input-nps'), 'NPS score')
  findByTestId(LoadingButton, 'settings-save').trigger('onClick')
  await vi.waitFor(() => expect(findByTestId(Alert, 'settings-issues')).toBeDefined())
  expect(findByTestId(Alert, 'settings-issues').text).toBe(
    'Each tier must start above the next: Healthy > Neutral > At risk > 0. ' +
      'Use a company property’s internal name, like nps_score.',
  )
  expect(findByTestId(Input, 'input-nps').props.validationMessage).toBe(
    'Use a company property’s internal name, like nps_score',
  )
  expect(fake.transport.save).not.toHaveBeenCalled()
})

it('saves the edited model over the version it was loaded from', async () => {
  const { findByTestId, fake } = await renderEditor()
  type(findByTestId(NumberInput, 'weight-usage'), 25)
  type(findByTestId(NumberInput, 'weight-adoption'), 25)
  type(findByTestId(NumberInput, 'band-healthy'), 80)
  type(findByTestId(Input, 'input-coreFeatures'), ' features_in_use ')
  findByTestId(LoadingButton, 'settings-save').trigger('onClick')
  await vi.waitFor(() => expect(findByTestId(Alert, 'settings-saved')).toBeDefined())
  const [request] = fake.transport.save.mock.calls[0] ?? []
  expect(request?.baseVersion).toBe(3)
  expect(request?.model.components.map((c) => [c.id, c.weight])).toEqual([
    ['usage', 25],
    ['adoption', 25],
    ['support', 15],
    ['sentiment', 15],
    ['engagement', 10],
    ['contract', 10],
  ])
  expect(request?.model.tiers).toEqual({ healthy: 80, neutral: 50, at_risk: 25 })
  expect(request?.model.inputs.coreFeatures).toBe('features_in_use')
  expect(request?.model.playbooks).toEqual(MODEL.playbooks)
  expect(findByTestId(Alert, 'settings-saved').text).toBe(
    'Version 4 is in use; the next score of each company uses it.',
  )
})

it('says why a save failed', async () => {
  const { findByTestId, fake } = await renderEditor()
  fake.state.failure = new Error('The settings changed since you loaded them (version 4)')
  findByTestId(LoadingButton, 'settings-save').trigger('onClick')
  await vi.waitFor(() => expect(findByTestId(Alert, 'settings-failed')).toBeDefined())
  expect(findByTestId(Alert, 'settings-failed').text).toBe(
    'The settings changed since you loaded them (version 4)',
  )
})

it('previews the tiers the edited model would give', async () => {
  const { findByTestId, fake } = await renderEditor()
  findByTestId(LoadingButton, 'settings-preview-button').trigger('onClick')
  await vi.waitFor(() => expect(findByTestId(Alert, 'settings-preview')).toBeDefined())
  expect(fake.transport.preview).toHaveBeenCalledTimes(1)
  expect(findByTestId(Alert, 'settings-preview').text).toBe(
    'Of 120 companies: 50 healthy, 40 neutral, 20 at risk, 10 critical.',
  )
})

it('shows why the settings could not be loaded, and loads again on retry', async () => {
  const fake = createFakeSettingsTransport()
  fake.state.failure = new Error('The health backend answered HTTP 503')
  const { findByTestId } = await renderEditor(fake)
  expect(findByTestId(ErrorState, 'settings-error').findAll(Text)[0]?.text).toBe(
    'The health backend answered HTTP 503',
  )
  fake.state.failure = null
  findByTestId(Button, 'settings-retry').trigger('onClick')
  await vi.waitFor(() => expect(findByTestId(NumberInput, 'weight-usage').props.value).toBe(30))
})
