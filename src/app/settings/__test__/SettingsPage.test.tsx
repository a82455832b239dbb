import {
  Alert,
  Button,
  ErrorState,
  Input,
  LoadingButton,
  LoadingSpinner,
  NumberInput,
  Table,
  TableCell,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions'
import { createRenderer } from '@hubspot/ui-extensions/testing'
import { expect, it, vi } from 'vitest'

import { SettingsPage } from '../SettingsPage.tsx'
import {
  createFakeSettingsTransport,
  createMockBacktestJob,
  createMockBacktestResult,
  createMockModelBacktest,
  MODEL,
} from '../test-utils/mocks.ts'

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

async function renderBacktest(fake = createFakeSettingsTransport()) {
  const renderer = createRenderer('settings')
  renderer.render(
    <SettingsPage distribution="marketplace" transport={fake.transport} backtestPollMs={5} />,
  )
  await vi.waitFor(() =>
    expect(renderer.maybeFindByTestId(LoadingSpinner, 'settings-loading')).toBeNull(),
  )
  return { ...renderer, fake }
}

const cells = (row: { findAll: (c: typeof TableCell) => { text: string | null }[] }) =>
  row.findAll(TableCell).map((cell) => cell.text)

it('backtests the edited model against the saved one, polls the job and shows both side by side', async () => {
  const fake = createFakeSettingsTransport()
  fake.state.polls = [
    createMockBacktestJob({ status: 'running', progress: { companies: 150, outcomes: 90 } }),
  ]
  const { findByTestId, maybeFindByTestId } = await renderBacktest(fake)
  type(findByTestId(NumberInput, 'weight-usage'), 20)
  type(findByTestId(NumberInput, 'weight-support'), 25)
  findByTestId(LoadingButton, 'settings-backtest-button').trigger('onClick')
  await vi.waitFor(() =>
    expect(findByTestId(LoadingSpinner, 'settings-backtest-running').props.label).toBe(
      'Backtesting: 150 companies read so far…',
    ),
  )
  fake.state.polls = [
    createMockBacktestJob({ status: 'completed', result: createMockBacktestResult() }),
  ]
  await vi.waitFor(() => expect(findByTestId(Table, 'settings-backtest-table')).toBeDefined())
  const [request] = fake.transport.backtest.mock.calls[0] ?? []
  expect(request?.model.components.map((c) => [c.id, c.weight]).slice(0, 3)).toEqual([
    ['usage', 20],
    ['adoption', 20],
    ['support', 25],
  ])
  expect(fake.transport.backtestJob).toHaveBeenCalledWith(7)
  expect(maybeFindByTestId(LoadingSpinner, 'settings-backtest-running')).toBeNull()
  const table = findByTestId(Table, 'settings-backtest-table')
  expect(table.findAll(TableHeader).map((h) => h.text)).toEqual([
    'Figure',
    'Saved (version 3)',
    'Edited',
  ])
  expect(cells(findByTestId(TableRow, 'backtest-auc'))).toEqual([
    'AUC [95% interval]',
    '0.71 [0.64–0.78]',
    '0.86 [0.81–0.90]',
  ])
  expect(cells(findByTestId(TableRow, 'backtest-precision'))).toEqual([
    'Red precision',
    '42%',
    '72%',
  ])
  expect(cells(findByTestId(TableRow, 'backtest-recall'))).toEqual(['Red recall', '55%', '64%'])
  expect(cells(findByTestId(TableRow, 'backtest-lift'))).toEqual([
    'Lift over the base rate',
    '2.1×',
    '3.6×',
  ])
  expect(cells(findByTestId(TableRow, 'backtest-churn-at_risk'))).toEqual([
    'Churn rate, At risk',
    '38%',
    '38%',
  ])
  expect(findByTestId(Alert, 'settings-backtest-verdict').props).toMatchObject({
    title: 'Which predicts better',
    variant: 'success',
  })
  expect(findByTestId(Alert, 'settings-backtest-verdict').text).toBe(
    'The candidate model predicts the outcomes better (AUC 0.86 against 0.71).',
  )
  expect(findByTestId(Text, 'settings-backtest-basis').text).toBe(
    '240 renewal outcomes (48 churned) of 180 companies, each scored 90 days before it.',
  )
})

it('says there are too few outcomes to judge, with dashes for the withheld figures', async () => {
  const fake = createFakeSettingsTransport()
  const withheld = createMockModelBacktest({
    outcomes: 12,
    auc: null,
    aucLow: null,
    aucHigh: null,
    redPrecision: null,
    lift: null,
    reason: 'only 12 outcomes: at least 30 are needed to judge',
  })
  fake.state.polls = [
    createMockBacktestJob({
      status: 'completed',
      result: createMockBacktestResult({
        outcomes: 12,
        churned: 2,
        accounts: 10,
        current: withheld,
        candidate: withheld,
        better: null,
        verdict: 'Too few outcomes to judge: only 12 outcomes: at least 30 are needed to judge.',
      }),
    }),
  ]
  const { findByTestId } = await renderBacktest(fake)
  findByTestId(LoadingButton, 'settings-backtest-button').trigger('onClick')
  await vi.waitFor(() => expect(findByTestId(Alert, 'settings-backtest-verdict')).toBeDefined())
  expect(findByTestId(Alert, 'settings-backtest-verdict').props).toMatchObject({
    title: 'Too few outcomes to judge',
    variant: 'warning',
  })
  expect(cells(findByTestId(TableRow, 'backtest-auc'))).toEqual(['AUC [95% interval]', '—', '—'])
})

it('says so when the portal has no outcome to backtest on', async () => {
  const fake = createFakeSettingsTransport()
  fake.state.polls = [
    createMockBacktestJob({
      status: 'completed',
      result: createMockBacktestResult({ outcomes: 0, better: null }),
    }),
  ]
  const { findByTestId, maybeFindByTestId } = await renderBacktest(fake)
  findByTestId(LoadingButton, 'settings-backtest-button').trigger('onClick')
  await vi.waitFor(() => expect(findByTestId(Alert, 'settings-backtest-empty')).toBeDefined())
  expect(maybeFindByTestId(Table, 'settings-backtest-table')).toBeNull()
})

it('shows why a backtest failed, whether the job failed or the backend refused it', async () => {
  const fake = createFakeSettingsTransport()
  fake.state.polls = [
    createMockBacktestJob({ status: 'failed', error: "HubSpot's daily API limit is spent" }),
  ]
  const { findByTestId } = await renderBacktest(fake)
  findByTestId(LoadingButton, 'settings-backtest-button').trigger('onClick')
  await vi.waitFor(() =>
    expect(findByTestId(Alert, 'settings-backtest-error').text).toBe(
      "HubSpot's daily API limit is spent",
    ),
  )
  fake.state.failure = new Error('The health backend answered HTTP 503')
  findByTestId(LoadingButton, 'settings-backtest-button').trigger('onClick')
  await vi.waitFor(() =>
    expect(findByTestId(Alert, 'settings-backtest-error').text).toBe(
      'The health backend answered HTTP 503',
    ),
  )
})

it('says when it shows a backtest that was already under way', async () => {
  const fake = createFakeSettingsTransport()
  fake.transport.backtest.mockResolvedValueOnce(
    createMockBacktestJob({ status: 'running', created: false }),
  )
  fake.state.polls = [createMockBacktestJob({ status: 'running' })]
  const { findByTestId } = await renderBacktest(fake)
  findByTestId(LoadingButton, 'settings-backtest-button').trigger('onClick')
  await vi.waitFor(() => expect(findByTestId(Text, 'settings-backtest-already')).toBeDefined())
})

it('does not backtest a form that does not validate, and says why', async () => {
  const { findByTestId, fake } = await renderBacktest()
  type(findByTestId(NumberInput, 'weight-usage'), 25)
  findByTestId(LoadingButton, 'settings-backtest-button').trigger('onClick')
  await vi.waitFor(() => expect(findByTestId(Alert, 'settings-issues')).toBeDefined())
  expect(fake.transport.backtest).not.toHaveBeenCalled()
})

it('tells the private app that backtests run with health-score calibrate', () => {
  const { render, findByTestId } = createRenderer('settings')
  render(<SettingsPage distribution="private" />)
  const text = findByTestId(Text, 'settings-backtest-private').text
  expect(text).toContain('app functions stop after 15 seconds')
  expect(text).toContain('health-score calibrate --model my-model.json')
})
