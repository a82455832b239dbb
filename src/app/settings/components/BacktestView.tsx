import {
  Alert,
  Flex,
  Heading,
  LoadingButton,
  LoadingSpinner,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions'
import { useEffect, useRef, useState } from 'react'

import type { HealthModelInput } from '../../../health/index.ts'
import type { BacktestJob, ModelBacktest } from '../../../operations/company-health.ts'
import type { SettingsTransport } from '../transport/settings-transport.ts'

/** How often a running backtest is polled, ms. */
export const BACKTEST_POLL_MS = 3000

export interface BacktestViewProps {
  readonly transport: Pick<SettingsTransport, 'backtest' | 'backtestJob'>
  /** The edited model, or null when the form does not validate (the editor then says why). */
  readonly candidate: () => HealthModelInput | null
  /** The saved model's version, for the column heading. */
  readonly savedVersion: number
  readonly pollMs?: number
}

type State =
  | { readonly status: 'idle' }
  | { readonly status: 'starting' }
  | {
      readonly status: 'running'
      readonly job: BacktestJob
      /** The portal's backtest already under way was answered, not the one asked for. */
      readonly already: boolean
    }
  | { readonly status: 'done'; readonly job: BacktestJob }
  | { readonly status: 'error'; readonly message: string }

const TIER_LABELS = [
  ['healthy', 'Healthy'],
  ['neutral', 'Neutral'],
  ['at_risk', 'At risk'],
  ['critical', 'Critical'],
] as const

function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`
}

function auc(m: ModelBacktest): string {
  if (m.auc === null) return '—'
  const interval =
    m.aucLow === null || m.aucHigh === null
      ? ''
      : ` [${m.aucLow.toFixed(2)}–${m.aucHigh.toFixed(2)}]`
  return `${m.auc.toFixed(2)}${interval}`
}

/** The figures compared, one row each: label, and how a model's figure reads. */
const ROWS: readonly (readonly [string, string, (m: ModelBacktest) => string])[] = [
  ['auc', 'AUC [95% interval]', auc],
  ['precision', 'Red precision', (m) => percent(m.redPrecision)],
  ['recall', 'Red recall', (m) => percent(m.redRecall)],
  ['lift', 'Lift over the base rate', (m) => (m.lift === null ? '—' : `${m.lift.toFixed(1)}×`)],
  ['specificity', 'Specificity', (m) => percent(m.specificity)],
  ...TIER_LABELS.map(
    ([tier, label]) =>
      [
        `churn-${tier}`,
        `Churn rate, ${label}`,
        (m: ModelBacktest) => percent(m.churnRateByTier[tier]),
      ] as const,
  ),
  ['unscorable', 'Outcomes it could not score', (m) => String(m.unscorable)],
]

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The editor's backtest: the edited model against the saved one on the portal's past renewals,
 * run as a backend job that this view polls, then the two side by side.
 */
export function BacktestView({
  transport,
  candidate,
  savedVersion,
  pollMs = BACKTEST_POLL_MS,
}: BacktestViewProps) {
  const [state, setState] = useState<State>({ status: 'idle' })
  // Only the latest run's answers count: a new run or an unmount drops the older polls.
  const run = useRef(0)
  useEffect(() => () => void (run.current += 1), [])

  const jobId = state.status === 'running' ? state.job.jobId : null
  useEffect(() => {
    if (jobId === null) return
    const mine = run.current
    const timer = setTimeout(() => {
      transport.backtestJob(jobId).then(
        (job) => {
          if (run.current !== mine) return
          if (job.status === 'completed') setState({ status: 'done', job })
          else if (job.status === 'failed')
            setState({ status: 'error', message: job.error ?? 'The backtest failed' })
          else
            setState({
              status: 'running',
              job,
              already: state.status === 'running' && state.already,
            })
        },
        (error: unknown) => {
          if (run.current === mine) setState({ status: 'error', message: reason(error) })
        },
      )
    }, pollMs)
    return () => clearTimeout(timer)
  }, [jobId, state, transport, pollMs])

  async function start() {
    const model = candidate()
    if (model === null) return
    const mine = ++run.current
    setState({ status: 'starting' })
    try {
      const job = await transport.backtest({ model })
      if (run.current !== mine) return
      setState(
        job.status === 'completed'
          ? { status: 'done', job }
          : { status: 'running', job, already: job.created === false },
      )
    } catch (error) {
      if (run.current === mine) setState({ status: 'error', message: reason(error) })
    }
  }

  const busy = state.status === 'starting' || state.status === 'running'
  return (
    <Flex direction="column" gap="sm" testId="settings-backtest">
      <Heading>Backtest</Heading>
      <Text>
        How well would the edited model have predicted this portal’s renewals? The backtest scores
        each company as it stood 90 days before each renewal won or lost, with the saved model and
        with the edited one, and compares. It reads the portal’s history, which takes a few minutes
        on a large portal.
      </Text>
      <LoadingButton
        loading={busy}
        disabled={busy}
        onClick={() => void start()}
        testId="settings-backtest-button"
      >
        Backtest the edited model
      </LoadingButton>
      {state.status === 'running' ? <Running job={state.job} already={state.already} /> : null}
      {state.status === 'error' ? (
        <Alert title="The backtest did not finish" variant="error" testId="settings-backtest-error">
          {state.message}
        </Alert>
      ) : null}
      {state.status === 'done' ? <Result job={state.job} savedVersion={savedVersion} /> : null}
    </Flex>
  )
}

function Running({ job, already }: { readonly job: BacktestJob; readonly already: boolean }) {
  const read = job.progress ? `: ${job.progress.companies} companies read so far` : ''
  const label =
    job.status === 'stopped'
      ? `Paused (${job.error ?? 'the backend restarted'}); it runs again by itself`
      : job.status === 'queued'
        ? 'Waiting for the portal’s other work to finish'
        : `Backtesting${read}`
  return (
    <Flex direction="column" gap="xs">
      {already ? (
        <Text testId="settings-backtest-already">
          A backtest was already under way for this portal: this is that one.
        </Text>
      ) : null}
      <LoadingSpinner label={`${label}…`} showLabel testId="settings-backtest-running" />
    </Flex>
  )
}

function Result({
  job,
  savedVersion,
}: {
  readonly job: BacktestJob
  readonly savedVersion: number
}) {
  const result = job.result
  if (result === null || result.outcomes === 0)
    return (
      <Alert title="Nothing to backtest" variant="warning" testId="settings-backtest-empty">
        This portal has no renewal won or lost that its history can rebuild: there is nothing to
        judge a model by yet.
      </Alert>
    )
  const tooFew = result.better === null
  const saved = savedVersion === 0 ? 'Built-in model' : `Saved (version ${savedVersion})`
  return (
    <Flex direction="column" gap="sm">
      <Alert
        title={tooFew ? 'Too few outcomes to judge' : 'Which predicts better'}
        variant={tooFew ? 'warning' : result.better === 'candidate' ? 'success' : 'info'}
        testId="settings-backtest-verdict"
      >
        {result.verdict}
      </Alert>
      <Text variant="microcopy" testId="settings-backtest-basis">
        {`${result.outcomes} renewal outcomes (${result.churned} churned) of ${result.accounts} companies, each scored ${result.horizonDays} days before it.`}
      </Text>
      <Table bordered density="condensed" testId="settings-backtest-table">
        <TableHead>
          <TableRow>
            <TableHeader>Figure</TableHeader>
            <TableHeader>{saved}</TableHeader>
            <TableHeader>Edited</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {ROWS.map(([id, label, read]) => (
            <TableRow key={id} testId={`backtest-${id}`}>
              <TableCell>{label}</TableCell>
              <TableCell>{read(result.current)}</TableCell>
              <TableCell>{read(result.candidate)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  )
}
