import { expect, it } from 'vitest'

import type { TierId, Trend } from '../../src/health/index.ts'
import { getDefaultModel } from '../../src/health/index.ts'
import { selectPlaybook } from '../../src/health/playbooks.ts'

const model = getDefaultModel()

const STEADY: Trend = {
  direction: 'stable',
  change30d: 0,
  change90d: 0,
  previousTier: null,
  daysInTier: 10,
}

type Case = [name: string, tier: TierId, segmentId: string, trend: Partial<Trend>, playbook: string]

const CASES: Case[] = [
  ['a critical account', 'critical', 'enterprise', {}, 'executive_escalation'],
  [
    'a critical account that was healthy',
    'critical',
    'smb',
    { previousTier: 'healthy', change30d: -60 },
    'executive_escalation',
  ],
  [
    'a sharp fall from healthy to neutral',
    'neutral',
    'mid_market',
    { previousTier: 'healthy', change30d: -15, direction: 'declining' },
    'sharp_decline_save',
  ],
  [
    'a sharp fall from healthy to at risk',
    'at_risk',
    'smb',
    { previousTier: 'healthy', change30d: -30 },
    'sharp_decline_save',
  ],
  [
    'a gentle slide from healthy to neutral',
    'neutral',
    'mid_market',
    { previousTier: 'healthy', change30d: -6 },
    'qbr_adoption',
  ],
  ['a small account at risk', 'at_risk', 'smb', {}, 'tech_touch_rescue'],
  ['a large account at risk', 'at_risk', 'enterprise', {}, 'csm_checkin'],
  ['an account at risk with no revenue on record', 'at_risk', 'unsegmented', {}, 'csm_checkin'],
  ['a neutral account', 'neutral', 'smb', {}, 'qbr_adoption'],
  [
    'an account healthy for 90 days',
    'healthy',
    'enterprise',
    { daysInTier: 90 },
    'expansion_advocacy',
  ],
  [
    'an account healthy for 89 days',
    'healthy',
    'enterprise',
    { daysInTier: 89 },
    'healthy_cadence',
  ],
  ['an account newly healthy', 'healthy', 'smb', { daysInTier: 0 }, 'healthy_cadence'],
]

it.each(CASES)(
  'recommends the right playbook for %s',
  (_name, tier, segmentId, trend, playbook) => {
    expect(selectPlaybook(model, { tier, segmentId, trend: { ...STEADY, ...trend } })?.id).toBe(
      playbook,
    )
  },
)

it('gives every default playbook actions with a title, a reason and a kind', () => {
  for (const { choice } of model.playbooks) {
    for (const action of choice.actions) {
      expect(action.title.length).toBeGreaterThan(5)
      expect(action.why.length).toBeGreaterThan(5)
      expect(['task', 'note', 'email', 'link']).toContain(action.kind)
    }
  }
})

it('marks the escalations urgent and the rest not', () => {
  const urgent = model.playbooks.filter((p) => p.choice.urgent).map((p) => p.choice.id)
  expect(urgent).toEqual(['executive_escalation', 'sharp_decline_save'])
})
