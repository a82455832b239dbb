import {
  Alert,
  Button,
  ErrorState,
  Flex,
  Heading,
  Input,
  LoadingButton,
  LoadingSpinner,
  NumberInput,
  Text,
} from '@hubspot/ui-extensions'
import { useCallback, useEffect, useState } from 'react'

import type { HealthSettings, SettingsPreview } from '../../../operations/company-health.ts'
import type { SettingsTransport } from '../transport/settings-transport.ts'
import type { FormIssue, ModelForm } from '../utils/model-form.ts'
import { applyForm, BAND_FIELDS, INPUT_FIELDS, toForm, validateForm } from '../utils/model-form.ts'
import { BacktestView } from './BacktestView.tsx'

export interface ModelEditorProps {
  readonly transport: SettingsTransport
  /** How often a running backtest is polled, ms; default `BACKTEST_POLL_MS`. */
  readonly backtestPollMs?: number
}

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly settings: HealthSettings }

type Outcome =
  | { readonly kind: 'saved'; readonly version: number }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'preview'; readonly preview: SettingsPreview }

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function messageFor(issues: readonly FormIssue[], field: string): string | undefined {
  return issues.find((issue) => issue.field === field)?.message
}

/** The marketplace app's model editor: weights, tier bands and input properties, validated. */
export function ModelEditor({ transport, backtestPollMs }: ModelEditorProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [form, setForm] = useState<ModelForm | null>(null)
  const [issues, setIssues] = useState<readonly FormIssue[]>([])
  const [busy, setBusy] = useState<'save' | 'preview' | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const load = useCallback(async () => {
    setLoaded({ status: 'loading' })
    try {
      const settings = await transport.load()
      setLoaded({ status: 'ready', settings })
      setForm(toForm(settings.model))
    } catch (error) {
      setLoaded({ status: 'error', message: reason(error) })
    }
  }, [transport])

  useEffect(() => {
    void load()
  }, [load])

  if (loaded.status === 'loading') {
    return <LoadingSpinner label="Loading the model…" showLabel testId="settings-loading" />
  }
  if (loaded.status === 'error' || form === null) {
    return (
      <ErrorState title="The settings could not be loaded" testId="settings-error">
        <Text>{loaded.status === 'error' ? loaded.message : ''}</Text>
        <Button onClick={() => void load()} testId="settings-retry">
          Try again
        </Button>
      </ErrorState>
    )
  }
  const settings = loaded.settings
  const total = Object.values(form.weights).reduce((sum, weight) => sum + weight, 0)

  function edit(next: ModelForm) {
    setForm(next)
    setOutcome(null)
    if (issues.length > 0) setIssues(validateForm(next))
  }

  /** The edited model, or null (the issues shown) when the form does not validate. */
  function candidate() {
    if (form === null) return null
    const found = validateForm(form)
    setIssues(found)
    return found.length > 0 ? null : applyForm(settings.model, form)
  }

  async function submit(kind: 'save' | 'preview') {
    if (form === null) return
    const found = validateForm(form)
    setIssues(found)
    setOutcome(null)
    if (found.length > 0) return
    const model = applyForm(settings.model, form)
    setBusy(kind)
    try {
      if (kind === 'preview') {
        setOutcome({ kind: 'preview', preview: await transport.preview(model) })
      } else {
        const saved = await transport.save({ model, baseVersion: settings.version })
        setLoaded({ status: 'ready', settings: saved })
        setForm(toForm(saved.model))
        setOutcome({ kind: 'saved', version: saved.version })
      }
    } catch (error) {
      setOutcome({ kind: 'failed', message: reason(error) })
    } finally {
      setBusy(null)
    }
  }

  return (
    <Flex direction="column" gap="md" testId="settings-editor">
      <Text variant="microcopy">
        {settings.version === 0
          ? 'This portal uses the built-in model.'
          : `Version ${settings.version}, saved ${settings.updatedAt ?? ''}.`}
      </Text>
      <Heading>Weights</Heading>
      <Text testId="settings-weight-total">{`Total: ${total}% (must be 100%)`}</Text>
      {settings.model.components.map((component) => (
        <NumberInput
          key={component.id}
          name={`weight-${component.id}`}
          label={`${component.label} (%)`}
          value={form.weights[component.id] ?? 0}
          min={0}
          max={100}
          precision={0}
          onChange={(value) =>
            edit({ ...form, weights: { ...form.weights, [component.id]: value } })
          }
          error={messageFor(issues, `weights.${component.id}`) !== undefined}
          validationMessage={messageFor(issues, `weights.${component.id}`)}
          testId={`weight-${component.id}`}
        />
      ))}
      <Heading>Tier bands</Heading>
      {BAND_FIELDS.map(({ key, label }) => (
        <NumberInput
          key={key}
          name={`band-${key}`}
          label={label}
          value={form.bands[key]}
          min={1}
          max={100}
          precision={0}
          onChange={(value) => edit({ ...form, bands: { ...form.bands, [key]: value } })}
          error={messageFor(issues, `bands.${key}`) !== undefined}
          validationMessage={messageFor(issues, `bands.${key}`)}
          testId={`band-${key}`}
        />
      ))}
      <Heading>Company properties the model reads</Heading>
      {INPUT_FIELDS.map(({ key, feeds, label }) => (
        <Input
          key={key}
          name={`input-${key}`}
          label={`${feeds}: ${label}`}
          value={form.inputs[key]}
          onChange={(value) => edit({ ...form, inputs: { ...form.inputs, [key]: value } })}
          error={messageFor(issues, `inputs.${key}`) !== undefined}
          validationMessage={messageFor(issues, `inputs.${key}`)}
          testId={`input-${key}`}
        />
      ))}
      {issues.length > 0 ? (
        <Alert title="Fix these before saving" variant="error" testId="settings-issues">
          {issues.map((issue) => issue.message).join('. ')}.
        </Alert>
      ) : null}
      {outcome?.kind === 'saved' ? (
        <Alert title="Saved" variant="success" testId="settings-saved">
          {`Version ${outcome.version} is in use; the next score of each company uses it.`}
        </Alert>
      ) : null}
      {outcome?.kind === 'failed' ? (
        <Alert title="Not saved" variant="error" testId="settings-failed">
          {outcome.message}
        </Alert>
      ) : null}
      {outcome?.kind === 'preview' ? (
        <Alert title="Preview" variant="info" testId="settings-preview">
          {`Of ${outcome.preview.companies} companies: ${outcome.preview.tiers.healthy} healthy, ${outcome.preview.tiers.neutral} neutral, ${outcome.preview.tiers.at_risk} at risk, ${outcome.preview.tiers.critical} critical.`}
        </Alert>
      ) : null}
      <Flex direction="row" gap="sm">
        <LoadingButton
          variant="primary"
          loading={busy === 'save'}
          disabled={busy !== null}
          onClick={() => void submit('save')}
          testId="settings-save"
        >
          Save
        </LoadingButton>
        <LoadingButton
          loading={busy === 'preview'}
          disabled={busy !== null}
          onClick={() => void submit('preview')}
          testId="settings-preview-button"
        >
          Preview the tiers
        </LoadingButton>
      </Flex>
      <BacktestView
        transport={transport}
        candidate={candidate}
        savedVersion={settings.version}
        {...(backtestPollMs === undefined ? {} : { pollMs: backtestPollMs })}
      />
    </Flex>
  )
}
