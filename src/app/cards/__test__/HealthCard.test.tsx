import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  LineChart,
  List,
  LoadingButton,
  LoadingSpinner,
  ProgressBar,
  ScoreCircle,
  Select,
  StatisticsItem,
  StatisticsTrend,
  StatusTag,
  TableCell,
  TableRow,
  Tag,
  Text,
  TextArea,
} from '@hubspot/ui-extensions'
import { createRenderer } from '@hubspot/ui-extensions/testing'
import { expect, it, vi } from 'vitest'

import { HealthCard } from '../HealthCard.tsx'
import {
  ACME_ID,
  createFakeTransport,
  createMockHealth,
  createMockResult,
  createNeverScoredHealth,
  NOW,
  transportError,
} from '../test-utils/mocks.ts'

const DAY = 86_400_000

function renderCard(transport = createFakeTransport().transport) {
  const renderer = createRenderer('crm.record.tab')
  renderer.render(<HealthCard companyId={ACME_ID} transport={transport} now={() => NOW} />)
  return renderer
}

async function renderLoaded(transport = createFakeTransport().transport) {
  const renderer = renderCard(transport)
  await renderer.waitFor(() =>
    expect(renderer.maybeFindByTestId(LoadingSpinner, 'health-loading')).toBeNull(),
  )
  return renderer
}

it('shows a spinner until the health arrives', async () => {
  const { transport } = createFakeTransport()
  transport.loadHealth.mockReturnValue(new Promise(() => {}))
  const { findByTestId } = renderCard(transport)
  expect(findByTestId(LoadingSpinner, 'health-loading').props.label).toBe(
    'Loading the health score…',
  )
  await vi.waitFor(() => expect(transport.loadHealth).toHaveBeenCalledWith(ACME_ID))
  expect(findByTestId(LoadingSpinner, 'health-loading')).toBeDefined()
})

it('shows the score, the tier, the 30-day change and when it was last scored', async () => {
  const { findByTestId } = await renderLoaded()
  expect(findByTestId(ScoreCircle, 'health-score').props.score).toBe(43)
  expect(findByTestId(StatusTag, 'health-tier').text).toBe('At risk')
  expect(findByTestId(StatusTag, 'health-tier').props.variant).toBe('danger')
  expect(findByTestId(StatisticsItem, 'health-change-30d').props.number).toBe('−12')
  const trend = findByTestId(StatisticsTrend, 'health-change-30d-trend')
  expect(trend.props).toMatchObject({ direction: 'decrease', color: 'red', value: '12 pts' })
  expect(findByTestId(StatisticsItem, 'health-trend').props.number).toBe('Declining')
  expect(findByTestId(Text, 'health-last-scored').text).toBe('Last scored 2026-11-18 (2 days ago)')
})

it('says since when the company has stood in its tier, when the app recorded it', async () => {
  const { transport } = createFakeTransport(
    createMockHealth({
      current: {
        health_tier: 'at_risk',
        health_tier_changed_at: new Date(NOW - 40 * DAY).toISOString(),
      },
    }),
  )
  const { findByTestId } = await renderLoaded(transport)
  expect(findByTestId(Text, 'health-tier-since').text).toBe('At risk since 2026-10-11')

  // A stored tier other than the one shown (not yet written back) gives no date.
  const { transport: stale } = createFakeTransport(
    createMockHealth({
      current: { health_tier: 'neutral', health_tier_changed_at: String(NOW - 400 * DAY) },
    }),
  )
  const other = await renderLoaded(stale)
  expect(other.maybeFindByTestId(Text, 'health-tier-since')).toBeNull()
  expect((await renderLoaded()).maybeFindByTestId(Text, 'health-tier-since')).toBeNull()
})

it('shows the data coverage, and warns only when little of the model has data', async () => {
  const healthy = await renderLoaded()
  expect(healthy.findByTestId(ProgressBar, 'health-coverage').props.value).toBe(90)
  expect(healthy.maybeFindByTestId(Alert, 'health-coverage-warning')).toBeNull()

  const { transport } = createFakeTransport(
    createMockHealth({ result: createMockResult({ coverage: 40 }) }),
  )
  const thin = await renderLoaded(transport)
  expect(thin.findByTestId(ProgressBar, 'health-coverage').props.variant).toBe('warning')
  const warning = thin.findByTestId(Alert, 'health-coverage-warning')
  expect(warning.props.title).toBe('Little data behind this score')
  expect(warning.text).toContain(
    'Only 40% of the model is backed by data; nothing was found for Engagement',
  )
})

it('tabulates each component with its score, weight, points and red flags', async () => {
  const { findAll, findByTestId } = await renderLoaded()
  const rows = findAll(TableRow).filter((row) => row.props.testId?.startsWith('component-'))
  expect(rows.map((row) => row.props.testId)).toEqual([
    'component-usage',
    'component-adoption',
    'component-support',
    'component-sentiment',
    'component-engagement',
    'component-contract',
  ])
  const cells = (id: string) =>
    findByTestId(TableRow, id)
      .findAll(TableCell)
      .map((cell) => cell.text)
  expect(cells('component-usage')).toEqual(['Usage', null, '30 (33%)', '13.3', '20', null])
  expect(findByTestId(Tag, 'component-usage-red-flag').text).toBe(
    'Usage is below half of the onboarding baseline',
  )
  expect(findByTestId(TableRow, 'component-engagement').findAll(Text)[0]?.text).toBe('No data')
  expect(cells('component-engagement')).toEqual(['Engagement', null, '10 (dropped)', '0', '0', '—'])
  expect(findByTestId(ProgressBar, 'component-usage-bar').props).toMatchObject({
    value: 40,
    maxValue: 100,
    variant: 'danger',
  })
  expect(findByTestId(ProgressBar, 'component-contract-bar').props.variant).toBe('success')
})

it('charts 12 months of scores with a line at the bottom of each tier band', async () => {
  const { findByTestId } = await renderLoaded()
  const chart = findByTestId(LineChart, 'health-history')
  const rows = chart.props.data as { date: number; score: number; series: string }[]
  const start = NOW - 365 * DAY
  expect(rows.filter((row) => row.series === 'Score')).toEqual([
    { date: start, score: 80, series: 'Score' },
    { date: NOW - 100 * DAY, score: 61, series: 'Score' },
    { date: NOW - 30 * DAY, score: 55, series: 'Score' },
    { date: NOW - 2 * DAY, score: 43, series: 'Score' },
  ])
  expect(rows.filter((row) => row.series !== 'Score')).toEqual([
    { date: start, score: 75, series: 'Healthy from 75' },
    { date: NOW, score: 75, series: 'Healthy from 75' },
    { date: start, score: 50, series: 'Neutral from 50' },
    { date: NOW, score: 50, series: 'Neutral from 50' },
    { date: start, score: 25, series: 'At risk from 25' },
    { date: NOW, score: 25, series: 'At risk from 25' },
  ])
  expect(chart.props.axes).toMatchObject({
    x: { field: 'date', fieldType: 'datetime' },
    y: { field: 'score', fieldType: 'linear' },
    options: { groupFieldByColor: 'series' },
  })
})

it('explains the score in sentences and says which components moved since the previous score', async () => {
  const { findByTestId } = await renderLoaded()
  expect(
    findByTestId(List, 'health-drivers')
      .findAll(Text)
      .map((t) => t.text),
  ).toEqual([
    'Active users are at 38% of the onboarding baseline (−20 pts)',
    '4 tickets open (−9 pts)',
  ])
  expect(
    findByTestId(List, 'health-what-changed')
      .findAll(Text)
      .map((t) => t.text),
  ).toEqual([
    'Support fell 35 points (80 → 45)',
    'Usage fell 22 points (62 → 40)',
    'Contract rose 5 points (85 → 90)',
  ])
})

it('creates the CSM task with its due date and priority, then refreshes and says so', async () => {
  const { transport } = createFakeTransport()
  const { findByTestId, mocks, waitFor } = await renderLoaded(transport)
  expect(findByTestId(LoadingButton, 'action-csm_checkin-button').text).toBe('Create task')
  findByTestId(LoadingButton, 'action-csm_checkin-button').trigger('onClick')
  await waitFor(() => expect(mocks.actions.addAlert.calls).toHaveLength(1))
  expect(transport.runAction).toHaveBeenCalledWith({
    companyId: ACME_ID,
    actionId: 'csm_checkin',
    dueAt: new Date(NOW + 48 * 3_600_000).toISOString(),
    priority: 'HIGH',
  })
  expect(mocks.actions.addAlert.calls[0]).toEqual([
    {
      type: 'success',
      title: 'Task created',
      message: 'CSM check-in call, due 2026-11-22, on this company.',
    },
  ])
  expect(transport.loadHealth).toHaveBeenCalledTimes(2)
  expect(mocks.actions.refreshObjectProperties.calls).toHaveLength(1)
})

it('logs a note for a note action', async () => {
  const { transport } = createFakeTransport()
  const { findByTestId, mocks, waitFor } = await renderLoaded(transport)
  const button = findByTestId(LoadingButton, 'action-pause_upsell-button')
  expect(button.text).toBe('Log note')
  button.trigger('onClick')
  await waitFor(() => expect(mocks.actions.addAlert.calls).toHaveLength(1))
  expect(transport.runAction.mock.calls[0]?.[0]).toMatchObject({
    actionId: 'pause_upsell',
    dueAt: null,
  })
  expect(mocks.actions.addAlert.calls[0]?.[0]).toMatchObject({
    type: 'success',
    title: 'Note logged',
  })
})

it('raises a danger alert when an action fails, and keeps the card', async () => {
  const { transport, answers } = createFakeTransport()
  const { findByTestId, mocks, waitFor } = await renderLoaded(transport)
  answers.failure = transportError('run_playbook_action failed: 429')
  findByTestId(LoadingButton, 'action-csm_checkin-button').trigger('onClick')
  await waitFor(() => expect(mocks.actions.addAlert.calls).toHaveLength(1))
  expect(mocks.actions.addAlert.calls[0]?.[0]).toEqual({
    type: 'danger',
    title: '“CSM check-in call” failed',
    message: 'run_playbook_action failed: 429',
  })
  expect(findByTestId(ScoreCircle, 'health-score').props.score).toBe(43)
})

it('recalculates on demand and shows the new score', async () => {
  const { transport } = createFakeTransport()
  const { findByTestId, mocks, waitFor } = await renderLoaded(transport)
  findByTestId(LoadingButton, 'health-recalculate').trigger('onClick')
  await waitFor(() => expect(findByTestId(ScoreCircle, 'health-score').props.score).toBe(47))
  expect(transport.recalculate).toHaveBeenCalledWith(ACME_ID)
  expect(mocks.actions.addAlert.calls[0]?.[0]).toMatchObject({
    type: 'success',
    title: 'Score updated',
  })
  expect(mocks.actions.refreshObjectProperties.calls).toHaveLength(1)
})

it('offers Score now to a company never scored, and shows the score it gets', async () => {
  const { transport } = createFakeTransport(createNeverScoredHealth())
  const { findByTestId, maybeFindByTestId, waitFor } = await renderLoaded(transport)
  expect(findByTestId(EmptyState, 'health-never-scored').props.title).toBe('Not scored yet')
  expect(maybeFindByTestId(ScoreCircle, 'health-score')).toBeNull()
  findByTestId(LoadingButton, 'health-score-now').trigger('onClick')
  await waitFor(() => expect(findByTestId(ScoreCircle, 'health-score').props.score).toBe(47))
  expect(transport.recalculate).toHaveBeenCalledTimes(1)
})

it('says why a company could not be scored', async () => {
  const health = createMockHealth({
    result: null,
    issues: [
      { code: 'low_coverage', path: [], message: 'Only 20% of the model has data (30% needed)' },
    ],
  })
  const { findByTestId } = await renderLoaded(createFakeTransport(health).transport)
  const notice = findByTestId(EmptyState, 'health-not-scorable')
  expect(notice.props.title).toBe('Too little data to score')
  expect(notice.findAll(Text).map((text) => text.text)).toEqual([
    'Only 20% of the model has data (30% needed)',
  ])
  expect(findByTestId(LoadingButton, 'health-recalculate').text).toBe('Recalculate')
})

it('shows the reason when loading fails, and loads again on retry', async () => {
  const { transport, answers } = createFakeTransport()
  answers.failure = transportError('score_company failed: timed out after 15 s')
  const { findByTestId, waitFor } = await renderLoaded(transport)
  expect(findByTestId(ErrorState, 'health-error').props.title).toBe(
    'The health score could not be loaded',
  )
  expect(findByTestId(Text, 'health-error-reason').text).toBe(
    'score_company failed: timed out after 15 s',
  )
  answers.failure = null
  findByTestId(Button, 'health-retry').trigger('onClick')
  await waitFor(() => expect(findByTestId(ScoreCircle, 'health-score').props.score).toBe(43))
  expect(transport.loadHealth).toHaveBeenCalledTimes(2)
})

it('records the CSM read with a reason, after asking for what is missing', async () => {
  const { transport } = createFakeTransport()
  const { findByTestId, mocks, waitFor } = await renderLoaded(transport)
  expect(findByTestId(Text, 'sentiment-current').text).toBe(
    'No CSM read recorded yet. The score counts it for 90 days.',
  )
  findByTestId(Button, 'sentiment-save').trigger('onClick')
  expect(findByTestId(Select, 'sentiment-choice').props.validationMessage).toBe(
    'Choose how the account feels to you',
  )
  expect(findByTestId(TextArea, 'sentiment-reason').props.validationMessage).toBe(
    'Say in a few words why',
  )
  expect(transport.setSentiment).not.toHaveBeenCalled()

  // @note The SDK (0.17) types trigger's argument as the handler itself; at run time it is the value.
  findByTestId(Select, 'sentiment-choice').trigger('onChange', 'negative' as never)
  findByTestId(TextArea, 'sentiment-reason').trigger('onChange', '  Champion left ' as never)
  findByTestId(Button, 'sentiment-save').trigger('onClick')
  await waitFor(() => expect(mocks.actions.addAlert.calls).toHaveLength(1))
  expect(transport.setSentiment).toHaveBeenCalledWith({
    companyId: ACME_ID,
    sentiment: 'negative',
    reason: 'Champion left',
  })
  expect(mocks.actions.addAlert.calls[0]?.[0]).toMatchObject({
    type: 'success',
    title: 'Your read is recorded',
  })
  expect(transport.loadHealth).toHaveBeenCalledTimes(2)
})

it('shows the CSM read already recorded', async () => {
  const health = createMockHealth({
    csmSentiment: {
      sentiment: 'positive',
      reason: 'Renewed early',
      at: '2026-11-02T10:00:00.000Z',
    },
  })
  const { findByTestId } = await renderLoaded(createFakeTransport(health).transport)
  expect(findByTestId(Text, 'sentiment-current').text).toBe(
    'Your read: Positive, “Renewed early” (2026-11-02). The score counts it for 90 days.',
  )
  expect(findByTestId(Select, 'sentiment-choice').props.value).toBe('positive')
})
