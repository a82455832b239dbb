import {
  Divider,
  Flex,
  Heading,
  hubspot,
  LoadingButton,
  useExtensionActions,
  useExtensionContext,
} from '@hubspot/ui-extensions'
import type { ReactNode } from 'react'
import { useMemo, useState } from 'react'

import type { PlaybookAction } from '../../health/index.ts'
import type { CompanyHealth, CsmSentiment } from '../../operations/company-health.ts'
import { LoadFailed, Loading, NeverScored, NotScorable } from './components/CardStates.tsx'
import { ComponentsTable } from './components/ComponentsTable.tsx'
import { Coverage } from './components/Coverage.tsx'
import { Drivers } from './components/Drivers.tsx'
import { Headline } from './components/Headline.tsx'
import { HistoryChart } from './components/HistoryChart.tsx'
import { Playbook } from './components/Playbook.tsx'
import { SentimentControl } from './components/SentimentControl.tsx'
import { WhatChanged } from './components/WhatChanged.tsx'
import { errorText, useCompanyHealth } from './hooks/use-company-health.ts'
import { createDefaultTransport } from './transport/default-transport.ts'
import type { HealthTransport } from './transport/types.ts'
import { dueAt } from './utils/due-at.ts'
import { formatDate } from './utils/format.ts'
import { tierSince } from './utils/tiers.ts'
import { whatChanged } from './utils/what-changed.ts'

hubspot.extend<'crm.record.tab'>(({ context }) => (
  <HealthCard companyId={String(context.crm.objectId)} />
))

export interface HealthCardProps {
  readonly companyId: string
  /** Where the data comes from; by default the one this build uses (functions or backend). */
  readonly transport?: HealthTransport
  /** The clock, for "last scored" and due dates. */
  readonly now?: () => number
}

type Busy =
  | { readonly kind: 'score' }
  | { readonly kind: 'action'; readonly id: string }
  | { readonly kind: 'sentiment' }

/** The customer health card on a company record. */
export function HealthCard({ companyId, transport, now = Date.now }: HealthCardProps) {
  const context = useExtensionContext<'crm.record.tab'>()
  const actions = useExtensionActions<'crm.record.tab'>()
  const resolved = useMemo(
    () => transport ?? createDefaultTransport(context.variables),
    [transport, context.variables],
  )
  const { state, refresh } = useCompanyHealth(resolved, companyId)
  const [busy, setBusy] = useState<Busy | null>(null)

  async function afterWrite(title: string, message: string) {
    actions.refreshObjectProperties()
    const failure = await refresh({ mode: 'view', quiet: true })
    actions.addAlert({ type: 'success', title, message })
    if (failure !== null) {
      actions.addAlert({ type: 'warning', title: 'The card could not refresh', message: failure })
    }
  }

  async function recalculate() {
    setBusy({ kind: 'score' })
    const failure = await refresh({ mode: 'score', quiet: true })
    setBusy(null)
    if (failure === null) {
      actions.refreshObjectProperties()
      actions.addAlert({
        type: 'success',
        title: 'Score updated',
        message: 'The health score was recalculated.',
      })
    } else {
      actions.addAlert({
        type: 'danger',
        title: 'The score could not be recalculated',
        message: failure,
      })
    }
  }

  async function runAction(action: PlaybookAction) {
    setBusy({ kind: 'action', id: action.id })
    try {
      const created = await resolved.runAction({
        companyId,
        actionId: action.id,
        dueAt: dueAt(action, now()),
        priority: action.priority,
      })
      const due = created.dueAt === null ? '' : `, due ${formatDate(created.dueAt)}`
      await afterWrite(
        created.kind === 'note' ? 'Note logged' : 'Task created',
        `${created.title}${due}, on this company.`,
      )
    } catch (error) {
      actions.addAlert({
        type: 'danger',
        title: `“${action.title}” failed`,
        message: errorText(error),
      })
    } finally {
      setBusy(null)
    }
  }

  async function saveSentiment(sentiment: CsmSentiment, reason: string) {
    setBusy({ kind: 'sentiment' })
    try {
      await resolved.setSentiment({ companyId, sentiment, reason })
      await afterWrite('Your read is recorded', 'The next score counts it.')
    } catch (error) {
      actions.addAlert({
        type: 'danger',
        title: 'Your read was not recorded',
        message: errorText(error),
      })
    } finally {
      setBusy(null)
    }
  }

  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') {
    return (
      <LoadFailed
        message={state.message}
        onRetry={() => void refresh({ mode: 'view', quiet: false })}
      />
    )
  }
  const health = state.health
  const scoring = busy?.kind === 'score'
  const sentiment = (
    <SentimentControl
      current={health.csmSentiment}
      saving={busy?.kind === 'sentiment'}
      onSave={(value, reason) => void saveSentiment(value, reason)}
    />
  )
  if (health.result === null) {
    return (
      <Flex direction="column" gap="md">
        {health.scoredAt === null && health.issues.length === 0 ? (
          <NeverScored scoring={scoring} onScoreNow={() => void recalculate()} />
        ) : (
          <NotScorable
            issues={health.issues}
            scoring={scoring}
            onRecalculate={() => void recalculate()}
          />
        )}
        <Divider />
        {sentiment}
      </Flex>
    )
  }
  return (
    <ScoredView
      health={health}
      result={health.result}
      now={now()}
      scoring={scoring}
      running={busy?.kind === 'action' ? busy.id : null}
      onRecalculate={() => void recalculate()}
      onRun={(action) => void runAction(action)}
      sentiment={sentiment}
    />
  )
}

interface ScoredViewProps {
  readonly health: CompanyHealth
  readonly result: NonNullable<CompanyHealth['result']>
  readonly now: number
  readonly scoring: boolean
  readonly running: string | null
  readonly onRecalculate: () => void
  readonly onRun: (action: PlaybookAction) => void
  readonly sentiment: ReactNode
}

function ScoredView({
  health,
  result,
  now,
  scoring,
  running,
  onRecalculate,
  onRun,
  sentiment,
}: ScoredViewProps) {
  const missing = result.components.filter((c) => c.score === null).map((c) => c.label)
  return (
    <Flex direction="column" gap="md">
      <Flex direction="row" justify="between" align="start">
        <Headline
          result={result}
          scoredAt={health.scoredAt}
          tierSince={tierSince(health.current, result.tier)}
          now={now}
        />
        <LoadingButton
          size="sm"
          loading={scoring}
          onClick={onRecalculate}
          testId="health-recalculate"
        >
          Recalculate
        </LoadingButton>
      </Flex>
      <Coverage coverage={result.coverage} missing={missing} />
      <Divider />
      <Heading>History</Heading>
      <HistoryChart history={health.history} bands={health.tierBands} asOf={now} />
      <Divider />
      <Heading>Components</Heading>
      <ComponentsTable components={result.components} />
      <Heading>Why</Heading>
      <Drivers drivers={result.drivers} />
      <Heading>What changed</Heading>
      <WhatChanged changes={whatChanged(health)} />
      <Divider />
      <Heading>Playbook</Heading>
      <Playbook playbook={result.playbook} now={now} running={running} onRun={onRun} />
      <Divider />
      <Heading>Your read</Heading>
      {sentiment}
    </Flex>
  )
}
