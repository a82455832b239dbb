import {
  BarChart,
  Button,
  EmptyState,
  ErrorState,
  LineChart,
  Link,
  List,
  LoadingSpinner,
  StatisticsItem,
  StatusTag,
  TableCell,
  TableRow,
  Text,
} from '@hubspot/ui-extensions'
import { PageTitle } from '@hubspot/ui-extensions/pages'
import type { RenderedElementNode } from '@hubspot/ui-extensions/testing'
import { createRenderer } from '@hubspot/ui-extensions/testing'
import { useState } from 'react'
import { expect, it, vi } from 'vitest'

import type { PortfolioView } from '../../../operations/portfolio-types.ts'
import { HomePage } from '../HomePage.tsx'
import {
  createEmptyView,
  createFakeTransport,
  createHubSpotView,
  createMockView,
  PORTAL_ID,
} from '../test-utils/mocks.ts'
import type { PortfolioTransport } from '../transport/types.ts'

function renderPage(transport: PortfolioTransport = createFakeTransport().transport) {
  const renderer = createRenderer('pages')
  renderer.mocks.context.portal.id = PORTAL_ID
  renderer.render(<HomePage transport={transport} />)
  return renderer
}

async function renderLoaded(view: PortfolioView = createMockView()) {
  const renderer = renderPage(createFakeTransport(view).transport)
  await renderer.waitFor(() =>
    expect(renderer.maybeFindByTestId(LoadingSpinner, 'portfolio-loading')).toBeNull(),
  )
  return renderer
}

/** What a person reads in each cell of a row: its text, or the text of its link or tag. */
function cells(row: Pick<RenderedElementNode<Record<string, unknown>>, 'findAll'>) {
  return row
    .findAll(TableCell)
    .map((cell) => cell.text ?? cell.maybeFind(Link)?.text ?? cell.maybeFind(StatusTag)?.text)
}

it('shows a spinner under the page title until the portfolio arrives', async () => {
  const { transport } = createFakeTransport()
  transport.load.mockReturnValue(new Promise(() => {}))
  const { find, findByTestId } = renderPage(transport)
  expect(find(PageTitle).text).toBe('Customer health')
  expect(findByTestId(LoadingSpinner, 'portfolio-loading').props.label).toBe(
    'Loading the portfolio…',
  )
  await vi.waitFor(() => expect(transport.load).toHaveBeenCalledTimes(1))
})

it('serves the portfolio at the index route only, through HubSpot’s page router', async () => {
  const { transport } = createFakeTransport()
  const { mocks, render, find } = createRenderer('pages')
  mocks.setPageLocation({ path: '/nowhere', params: {} })
  render(<HomePage transport={transport} />)
  expect(find(Text, (node) => node.text === 'This app page does not exist.')).toBeDefined()
  expect(transport.load).not.toHaveBeenCalled()
})

it('says how many accounts are scored, as of when, and where the figures come from', async () => {
  const store = await renderLoaded()
  expect(store.findByTestId(Text, 'portfolio-summary').text).toBe(
    '120 accounts scored, as of 2026-11-20. From the app’s record of every scoring run.',
  )
  const hubspot = await renderLoaded(createHubSpotView())
  expect(hubspot.findByTestId(Text, 'portfolio-summary').text).toBe(
    '120 accounts scored, as of 2026-11-20. Read live from HubSpot in 9 API calls.',
  )
})

it('charts the accounts per tier now beside 30 days ago, best tier first', async () => {
  const { findByTestId, maybeFindByTestId } = await renderLoaded()
  const chart = findByTestId(BarChart, 'portfolio-distribution')
  expect(chart.props.data).toEqual([
    { tier: 'Healthy', period: '30 days ago', accounts: 55 },
    { tier: 'Healthy', period: 'Now', accounts: 50 },
    { tier: 'Neutral', period: '30 days ago', accounts: 38 },
    { tier: 'Neutral', period: 'Now', accounts: 40 },
    { tier: 'At risk', period: '30 days ago', accounts: 18 },
    { tier: 'At risk', period: 'Now', accounts: 20 },
    { tier: 'Critical', period: '30 days ago', accounts: 9 },
    { tier: 'Critical', period: 'Now', accounts: 10 },
  ])
  expect(chart.props.axes).toMatchObject({
    x: { field: 'tier', fieldType: 'category' },
    y: { field: 'accounts', fieldType: 'linear' },
    options: { groupFieldByColor: 'period' },
  })
  expect(chart.props.options?.title).toBe('Accounts per tier, now and 30 days ago')
  expect(maybeFindByTestId(Text, 'portfolio-distribution-no-past')).toBeNull()
})

it('charts only the distribution now, and says why, when 30 days ago is unknown', async () => {
  const { findByTestId } = await renderLoaded(createMockView({ tiers30dAgo: null }))
  const chart = findByTestId(BarChart, 'portfolio-distribution')
  expect(chart.props.data).toEqual([
    { tier: 'Healthy', period: 'Now', accounts: 50 },
    { tier: 'Neutral', period: 'Now', accounts: 40 },
    { tier: 'At risk', period: 'Now', accounts: 20 },
    { tier: 'Critical', period: 'Now', accounts: 10 },
  ])
  expect(chart.props.options?.title).toBe('Accounts per tier now')
  expect(findByTestId(Text, 'portfolio-distribution-no-past').text).toBe(
    'There is no distribution from 30 days ago yet: the app has not been scoring that long.',
  )
})

it('charts each tier’s share of the scored accounts by week, leaving out weeks nobody was scored', async () => {
  const { findByTestId, maybeFindByTestId } = await renderLoaded()
  const chart = findByTestId(LineChart, 'portfolio-history')
  const nov2 = Date.parse('2026-11-02T00:00:00.000Z')
  const nov16 = Date.parse('2026-11-16T00:00:00.000Z')
  expect(chart.props.data).toEqual([
    { week: nov2, tier: 'Healthy', share: 46.6 },
    { week: nov16, tier: 'Healthy', share: 41.7 },
    { week: nov2, tier: 'Neutral', share: 32.2 },
    { week: nov16, tier: 'Neutral', share: 33.3 },
    { week: nov2, tier: 'At risk', share: 15.3 },
    { week: nov16, tier: 'At risk', share: 16.7 },
    { week: nov2, tier: 'Critical', share: 5.9 },
    { week: nov16, tier: 'Critical', share: 8.3 },
  ])
  expect(chart.props.axes).toMatchObject({
    x: { field: 'week', fieldType: 'datetime' },
    y: { field: 'share', fieldType: 'linear', label: 'Share of accounts (%)' },
    options: {
      groupFieldByColor: 'tier',
      colors: { Healthy: 'green', Neutral: 'yellow', 'At risk': 'orange', Critical: 'darkOrange' },
    },
  })
  // Every account's history was read: no sample to mention.
  expect(maybeFindByTestId(Text, 'portfolio-history-sample')).toBeNull()
})

it('says how many accounts the history was read for when it is a sample', async () => {
  const { findByTestId } = await renderLoaded(createHubSpotView())
  expect(findByTestId(Text, 'portfolio-history-sample').text).toBe(
    'Read from the score history of a sample of 200 accounts, not of every account.',
  )
})

it('says there is no history yet instead of an empty chart', async () => {
  const { findByTestId, maybeFindByTestId } = await renderLoaded(
    createMockView({ history: { weeks: [], sampleSize: 200 } }),
  )
  expect(maybeFindByTestId(LineChart, 'portfolio-history')).toBeNull()
  expect(findByTestId(Text, 'portfolio-history-empty').text).toBe(
    'No weekly history yet: it starts with the first week of scores.',
  )
})

it('lists the accounts trending down most, each linking to its company record in this portal', async () => {
  const { findAll, findByTestId } = await renderLoaded()
  const rows = findAll(TableRow).filter((row) =>
    row.props.testId?.startsWith('portfolio-trending-down-'),
  )
  expect(rows.map(cells)).toEqual([
    ['Acme', '43', 'At risk', '−22'],
    ['Globex', '58', 'Neutral', '−15'],
    ['Initech', '21', 'Critical', '−9'],
  ])
  expect(findByTestId(Link, 'portfolio-trending-down-4242-link').props.href).toBe(
    'https://app.hubspot.com/contacts/987654/record/0-2/4242',
  )
  expect(findByTestId(Link, 'portfolio-trending-down-4343-link').props.href).toBe(
    'https://app.hubspot.com/contacts/987654/record/0-2/4343',
  )
  const tier = findByTestId(TableRow, 'portfolio-trending-down-4343').find(StatusTag)
  expect(tier.props.variant).toBe('warning')
})

it('lists the accounts newly red with the day each entered its tier, linking to the record', async () => {
  const { findAll, findByTestId } = await renderLoaded()
  const rows = findAll(TableRow).filter((row) =>
    row.props.testId?.startsWith('portfolio-newly-red-'),
  )
  expect(rows.map(cells)).toEqual([
    ['Acme', '43', 'At risk', '−22', '2026-11-17'],
    ['Initech', '21', 'Critical', '−9', '2026-11-18'],
  ])
  expect(findByTestId(Link, 'portfolio-newly-red-4444-link').props.href).toBe(
    'https://app.hubspot.com/contacts/987654/record/0-2/4444',
  )
  expect(findByTestId(TableRow, 'portfolio-newly-red-4444').find(StatusTag).props.variant).toBe(
    'danger',
  )
})

it('shows a dash for an account with no score or change, and says so when a list is empty', async () => {
  const unscored = {
    companyId: '77',
    name: 'Hooli',
    score: null,
    tier: null,
    change30d: null,
    tierChangedAt: null,
  }
  const { findByTestId } = await renderLoaded(
    createMockView({ trendingDown: [unscored], newlyRed: [] }),
  )
  expect(cells(findByTestId(TableRow, 'portfolio-trending-down-77'))).toEqual([
    'Hooli',
    '—',
    '—',
    '—',
  ])
  expect(findByTestId(Text, 'portfolio-newly-red-empty').text).toBe(
    'No account entered At risk or Critical in the last 7 days.',
  )
})

it('shows the save rate with the counts behind it', async () => {
  const { findByTestId } = await renderLoaded()
  expect(findByTestId(StatisticsItem, 'portfolio-save-rate-value').props).toMatchObject({
    label: 'Save rate (red to green within 90 days)',
    number: '40%',
  })
  expect(findByTestId(StatisticsItem, 'portfolio-save-rate-red').props.number).toBe(10)
  expect(findByTestId(StatisticsItem, 'portfolio-save-rate-saved').props.number).toBe(4)
  expect(findByTestId(StatisticsItem, 'portfolio-save-rate-pending').props.number).toBe(3)
  expect(findByTestId(Text, 'portfolio-save-rate-note').text).toBe(
    '4 of the 10 accounts that went red were back to green within 90 days. ' +
      '3 more accounts went red under 90 days ago and are not counted yet.',
  )
})

it('says the save rate was measured on a sample, and why there is none when no window has closed', async () => {
  const sampled = await renderLoaded(createHubSpotView())
  expect(sampled.findByTestId(Text, 'portfolio-save-rate-note').text).toContain(
    'Measured on a sample of 200 accounts.',
  )
  const view = createMockView({
    saveRate: { value: null, red: 0, saved: 0, pending: 1, windowDays: 90, sampleSize: null },
  })
  const { findByTestId } = await renderLoaded(view)
  expect(findByTestId(StatisticsItem, 'portfolio-save-rate-value').props.number).toBe('—')
  expect(findByTestId(Text, 'portfolio-save-rate-note').text).toBe(
    'No save rate yet: 1 account went red, all under 90 days ago.',
  )
})

it('tabulates the playbook actions started from the card and how the accounts moved after', async () => {
  const { findByTestId, maybeFindByTestId } = await renderLoaded()
  expect(cells(findByTestId(TableRow, 'portfolio-intervention-csm_checkin'))).toEqual([
    'CSM check-in within 48 h',
    '12',
    '5',
    '4',
    '1',
    '2',
    '+6',
  ])
  expect(cells(findByTestId(TableRow, 'portfolio-intervention-exec_escalation'))).toEqual([
    'Executive escalation',
    '3',
    '0',
    '1',
    '1',
    '1',
    '−4',
  ])
  expect(maybeFindByTestId(Text, 'portfolio-interventions-unavailable')).toBeNull()
  expect(maybeFindByTestId(List, 'portfolio-limitations')).toBeNull()
})

it('shows the private app what the marketplace app adds instead of intervention outcomes', async () => {
  const view = createHubSpotView()
  const { findByTestId, maybeFindByTestId } = await renderLoaded(view)
  expect(maybeFindByTestId(TableRow, 'portfolio-intervention-csm_checkin')).toBeNull()
  expect(findByTestId(Text, 'portfolio-interventions-unavailable').text).toBe(
    'Not available in the private app: see what the marketplace app adds, below.',
  )
  const sentences = findByTestId(List, 'portfolio-limitations')
    .findAll(Text)
    .map((text) => text.text)
  expect(sentences).toEqual(view.limitations)
})

it('says so when no playbook action has been started yet', async () => {
  const { findByTestId } = await renderLoaded(createMockView({ interventions: [] }))
  expect(findByTestId(Text, 'portfolio-interventions-empty').text).toBe(
    'No playbook action has been started from the card yet.',
  )
})

it('shows a new install how to run the first score instead of empty charts', async () => {
  const store = await renderLoaded(createEmptyView())
  expect(store.findByTestId(EmptyState, 'portfolio-empty').props.title).toBe(
    'No company has a health score yet',
  )
  expect(store.maybeFindByTestId(BarChart, 'portfolio-distribution')).toBeNull()
  expect(store.maybeFindByTestId(LineChart, 'portfolio-history')).toBeNull()
  expect(store.findByTestId(Text, 'portfolio-empty-next-step').text).toContain(
    'The app scores every company each night',
  )
  const hubspot = await renderLoaded(createEmptyView({ source: 'hubspot', interventions: null }))
  expect(hubspot.findByTestId(Text, 'portfolio-empty-next-step').text).toContain(
    'an admin runs the first full score from a terminal: npx health-score score',
  )
})

it('shows why the portfolio could not be loaded, and loads it again on Try again', async () => {
  const fake = createFakeTransport()
  fake.state.failure = new Error('The health backend answered HTTP 503')
  const { findByTestId, maybeFindByTestId, waitFor } = renderPage(fake.transport)
  await waitFor(() => expect(maybeFindByTestId(ErrorState, 'portfolio-error')).not.toBeNull())
  expect(findByTestId(ErrorState, 'portfolio-error').props.title).toBe(
    'The portfolio could not be loaded',
  )
  expect(findByTestId(Text, 'portfolio-error-reason').text).toBe(
    'The health backend answered HTTP 503',
  )
  fake.state.failure = null
  findByTestId(Button, 'portfolio-retry').trigger('onClick')
  await waitFor(() => expect(maybeFindByTestId(BarChart, 'portfolio-distribution')).not.toBeNull())
  expect(fake.transport.load).toHaveBeenCalledTimes(2)
  expect(maybeFindByTestId(ErrorState, 'portfolio-error')).toBeNull()
})

/** Hands the page a second transport on a click, as a new context would, within one render. */
function SwitchingPage(props: { first: PortfolioTransport; second: PortfolioTransport }) {
  const [transport, setTransport] = useState(props.first)
  return (
    <>
      <Button onClick={() => setTransport(props.second)} testId="switch-transport">
        Switch
      </Button>
      <HomePage transport={transport} />
    </>
  )
}

it('keeps the newer answer when an older one arrives after it', async () => {
  let answerOld: (view: PortfolioView) => void = () => {}
  const old: PortfolioTransport = { load: () => new Promise((resolve) => (answerOld = resolve)) }
  const newer = createFakeTransport(createMockView({ scored: 7 })).transport
  const { findByTestId, maybeFindByTestId, render, waitFor } = createRenderer('pages')
  render(<SwitchingPage first={old} second={newer} />)
  findByTestId(Button, 'switch-transport').trigger('onClick')
  await waitFor(() => expect(maybeFindByTestId(Text, 'portfolio-summary')).not.toBeNull())
  answerOld(createMockView({ scored: 120 }))
  // Give the old answer every chance to land: it must not replace the newer one.
  await expect(
    vi.waitFor(() => expect(findByTestId(Text, 'portfolio-summary').text).toMatch(/^120/), {
      timeout: 200,
    }),
  ).rejects.toThrow()
  expect(findByTestId(Text, 'portfolio-summary').text).toMatch(/^7 accounts scored/)
})
