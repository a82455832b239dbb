import { Button, Flex, Select, Text, TextArea } from '@hubspot/ui-extensions'
import { useState } from 'react'

import type { CsmSentiment, CsmSentimentRead } from '../../../operations/company-health.ts'
import { formatDate } from '../utils/format.ts'

export const SENTIMENT_OPTIONS = [
  { value: 'positive', label: 'Positive' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'negative', label: 'Negative' },
] as const satisfies readonly { value: CsmSentiment; label: string }[]

/** The longest reason the control accepts. */
export const MAX_REASON_LENGTH = 280

export interface SentimentControlProps {
  readonly current: CsmSentimentRead | null
  readonly saving: boolean
  readonly onSave: (sentiment: CsmSentiment, reason: string) => void
}

function isSentiment(value: unknown): value is CsmSentiment {
  return SENTIMENT_OPTIONS.some((option) => option.value === value)
}

function label(sentiment: CsmSentiment): string {
  return SENTIMENT_OPTIONS.find((option) => option.value === sentiment)?.label ?? sentiment
}

/** The CSM's own read of the account: positive, neutral or negative, and a short reason why. */
export function SentimentControl({ current, saving, onSave }: SentimentControlProps) {
  const [sentiment, setSentiment] = useState<CsmSentiment | null>(current?.sentiment ?? null)
  const [reason, setReason] = useState('')
  const [tried, setTried] = useState(false)
  const trimmed = reason.trim()
  const reasonProblem =
    trimmed === ''
      ? 'Say in a few words why'
      : trimmed.length > MAX_REASON_LENGTH
        ? `Keep it under ${MAX_REASON_LENGTH} characters`
        : null
  const sentimentProblem = sentiment === null ? 'Choose how the account feels to you' : null

  function save() {
    setTried(true)
    if (sentiment === null || reasonProblem !== null) return
    onSave(sentiment, trimmed)
    setReason('')
    setTried(false)
  }

  return (
    <Flex direction="column" gap="sm" testId="health-sentiment">
      <Text testId="sentiment-current">
        {current === null
          ? 'No CSM read recorded yet.'
          : `Your read: ${label(current.sentiment)}, “${current.reason}” (${formatDate(current.at)}).`}{' '}
        The score counts it for 90 days.
      </Text>
      <Select
        name="csm-sentiment"
        label="How does the account feel to you?"
        options={[...SENTIMENT_OPTIONS]}
        value={sentiment ?? undefined}
        onChange={(value) => setSentiment(isSentiment(value) ? value : null)}
        error={tried && sentimentProblem !== null}
        validationMessage={tried ? (sentimentProblem ?? undefined) : undefined}
        testId="sentiment-choice"
      />
      <TextArea
        name="csm-sentiment-reason"
        label="Why"
        value={reason}
        maxLength={MAX_REASON_LENGTH}
        rows={2}
        onChange={setReason}
        error={tried && reasonProblem !== null}
        validationMessage={tried ? (reasonProblem ?? undefined) : undefined}
        testId="sentiment-reason"
      />
      <Button
        variant="secondary"
        size="sm"
        disabled={saving}
        onClick={save}
        testId="sentiment-save"
      >
        {saving ? 'Saving…' : 'Record my read'}
      </Button>
    </Flex>
  )
}
