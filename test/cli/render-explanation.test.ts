import { expect, it } from 'vitest'

import { renderExplanation } from '../../src/cli/render-explanation.ts'
import { getDefaultModel, scoreCompany } from '../../src/health/index.ts'
import type { CompanyExplanation } from '../../src/operations/index.ts'
import { createSnapshot } from '../health/support/mocks.ts'

function explanation(current: CompanyExplanation['current']): CompanyExplanation {
  const scored = scoreCompany(createSnapshot(), getDefaultModel())
  if (!scored.success || scored.value.tier !== 'healthy') throw new Error('should score healthy')
  return {
    companyId: '101',
    name: 'Acme',
    result: scored.value,
    issues: [],
    signals: [],
    diagnostics: [],
    records: { tickets: 0, engagements: 0 },
    current,
  }
}

it('says since when the company has held its tier and what it was before, as HubSpot holds it', () => {
  const text = renderExplanation(
    explanation({
      health_tier: 'healthy',
      health_previous_tier: 'neutral',
      health_tier_changed_at: '2026-08-01T06:00:00.000Z',
    }),
  )
  expect(text).toContain('\n  Healthy since 2026-08-01 (before: Neutral)\n')
  const first = renderExplanation(
    explanation({ health_tier: 'healthy', health_tier_changed_at: String(Date.UTC(2026, 9, 3)) }),
  )
  expect(first).toContain('\n  Healthy since 2026-10-03\n')
  // HubSpot holds another tier (not written yet) or none: no date to give.
  expect(renderExplanation(explanation({ health_tier: 'neutral' }))).not.toMatch(/since \d{4}/)
  expect(renderExplanation(explanation({}))).not.toMatch(/since \d{4}/)
})
